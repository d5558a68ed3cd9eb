import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Env } from '../../config/env.schema.js';

export interface StartupBanner {
  /** "Voltline listening on http://0.0.0.0:3000": the address the socket is bound to */
  readonly headline: string;
  /** the readable block a terminal gets, the headline first */
  readonly lines: string[];
  /** the same facts as fields of one JSON log line */
  readonly fields: Record<string, string | boolean>;
}

// Printed once when the server listens: the real address, the URLs a newcomer needs (reachable
// ones: a wildcard address is shown as localhost), and what it runs on.
export function startupBanner(env: Env, address: AddressInfo): StartupBanner {
  const bound = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : bound;
  const http = `http://${host}:${address.port}`;
  const ws = `ws://${host}:${address.port}`;
  const fields = {
    api: `${http}/api/v1`,
    docs: `${http}/docs`,
    ocpp: `${ws}/ocpp/{chargePointId}`,
    realtime: `${ws}/ws/users`,
    stream: `${http}/api/v1/stream`,
    mqtt: mqttOf(env),
    unknownChargers: env.OCPP_ALLOW_UNKNOWN_CHARGERS,
    database: describeDatabase(env),
    events: env.REDIS_URL ? `Redis at ${hostOf(env.REDIS_URL)}` : 'in-process',
  };
  const headline =
    `Voltline listening on http://${bound}:${address.port}` +
    (wildcard ? ' (every interface)' : '');
  const lines = [
    headline,
    `  REST API        ${fields.api}`,
    `  Swagger UI      ${fields.docs}`,
    `  Chargers        ${fields.ocpp}  (OCPP 1.6J)`,
    `  Unknown ids     ${
      env.OCPP_ALLOW_UNKNOWN_CHARGERS
        ? 'registered on first connect (OCPP_ALLOW_UNKNOWN_CHARGERS=true)'
        : 'refused: register chargers first, or set OCPP_ALLOW_UNKNOWN_CHARGERS=true'
    }`,
    `  Live updates    ${fields.realtime}`,
    `                  ${fields.stream}  (Server-Sent Events)`,
    `  MQTT            ${fields.mqtt}`,
    `  Database        ${fields.database}`,
    `  Events          ${fields.events}`,
  ];
  return { headline, lines, fields };
}

function mqttOf(env: Env): string {
  if (env.MQTT_PORT === undefined) return 'off (set MQTT_PORT to serve MQTT)';
  const wildcard = env.MQTT_HOST === '0.0.0.0' || env.MQTT_HOST === '::';
  return `mqtt://${wildcard ? 'localhost' : env.MQTT_HOST}:${env.MQTT_PORT}`;
}

function describeDatabase(env: Env): string {
  if (!env.DATABASE_URL) {
    return env.SQLITE_PATH === ':memory:'
      ? 'SQLite in memory'
      : `SQLite at ${resolve(env.SQLITE_PATH)}`;
  }
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL at ${hostOf(env.DATABASE_URL)}${url.pathname}`;
}

// host:port only: a URL's user and password never reach a log
function hostOf(raw: string): string {
  const url = new URL(raw);
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}
