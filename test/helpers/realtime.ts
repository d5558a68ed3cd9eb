import { closeCodeOf } from './close-code.js';
import { EventBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import WebSocket from 'ws';
import {
  ChargePointEvent,
  type ChargePointEventData,
  type ChargePointEventName,
} from '../../src/common/contracts/charge-point-events.js';
import { SessionRegistry } from '../../src/modules/realtime/session-registry.js';
import type { TestApp } from './app.js';
import { testChargerPassword } from './charger.js';
import { api, bearer, restEnv } from './rest.js';
import type { Msg, UserSocket } from './user-socket.js';

// Helpers for the /ws/users suites: set-up through the REST API, tokens minted with the app's
// key, and waits that always end (every one has a timeout).

/** Registers a charger (as admin) with one Type2 connector. */
export async function registerChargePoint(
  t: TestApp,
  adminToken: string,
  id: string,
  ownerId?: string,
): Promise<void> {
  await api(t)
    .post('/api/v1/charge-points')
    .set(bearer(adminToken))
    .send({
      id,
      password: testChargerPassword(id),
      ...(ownerId ? { ownerId } : {}),
      connectors: [{ connectorId: 1, type: 'Type2' }],
    })
    .expect(201);
}

export async function grantAccess(
  t: TestApp,
  token: string,
  chargePointId: string,
  userId: string,
) {
  await api(t)
    .post(`/api/v1/charge-points/${chargePointId}/grants`)
    .set(bearer(token))
    .send({ userId })
    .expect(201);
}

/** The charger's `seq` as REST reports it (the number of the last event published). */
export async function currentSeq(t: TestApp, token: string, chargePointId: string) {
  const res = await api(t).get(`/api/v1/charge-points/${chargePointId}`).set(bearer(token));
  if (res.status !== 200) throw new Error(`GET ${chargePointId}: ${res.status}`);
  return res.body.seq as number;
}

/** A user token signed with the app's key and claims, valid for `expiresInS` seconds. */
export function mintToken(
  user: { id: string; username: string; role?: 'user' | 'admin' },
  expiresInS: number,
): string {
  return new JwtService({ secret: restEnv.JWT_SECRET }).sign(
    { sub: user.id, username: user.username, role: user.role ?? 'user' },
    { algorithm: 'HS256', issuer: 'voltline', audience: 'voltline-api', expiresIn: expiresInS },
  );
}

/** Publishes a charger event straight on the app's event bus (no charger, no database). */
export function publishEvent<N extends ChargePointEventName>(
  t: TestApp,
  chargePointId: string,
  name: N,
  seq: number,
  data: ChargePointEventData[N],
): void {
  t.app
    .get(EventBus)
    .publish(new ChargePointEvent(chargePointId, name, seq, new Date().toISOString(), data));
}

export const registryStats = (t: TestApp) => t.app.get(SessionRegistry).stats();

/** Polls `condition` until it holds; rejects naming `what` after the timeout. */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
  everyMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The registry back at zero (the server learns of a close a little after the client). */
export async function registryEmpty(t: TestApp, timeoutMs = 5000): Promise<void> {
  const registry = t.app.get(SessionRegistry);
  await until(
    () => Object.values(registry.stats()).every((n) => n === 0),
    `an empty session registry (now ${JSON.stringify(registry.stats())})`,
    timeoutMs,
  );
}

/** The close code of a /ws/users socket, listened for from now on (see closeCodeOf). */
export const closeCode = (u: UserSocket | { ws: WebSocket }) => closeCodeOf(u.ws);

/** Arrival times (ms since the epoch) of every message from now on, in order. */
export function arrivals(u: UserSocket): Array<{ at: number; msg: Msg }> {
  const out: Array<{ at: number; msg: Msg }> = [];
  u.ws.on('message', (data) => out.push({ at: Date.now(), msg: JSON.parse(data.toString()) }));
  return out;
}

/** The `event` messages a session received for one charger, in arrival order. */
export const eventsOf = (u: UserSocket, chargePointId: string) =>
  u.received.filter((m) => m.type === 'event' && m.chargePointId === chargePointId);

/** Waits for the session's events of a charger to reach `seq`. */
export function untilSeq(u: UserSocket, chargePointId: string, seq: number, timeoutMs = 5000) {
  return until(
    () => eventsOf(u, chargePointId).some((e) => e.seq >= seq),
    `event seq ${seq} of ${chargePointId} (last: ${JSON.stringify(eventsOf(u, chargePointId).at(-1)?.seq)})`,
    timeoutMs,
  );
}

/** from..to inclusive */
export const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

let clock = Date.now();
/** Strictly increasing timestamps for OCPP payloads (the server ignores out-of-date reports). */
export const nextTimestamp = () =>
  new Date((clock = Math.max(clock + 1, Date.now()))).toISOString();
