import type { Env } from './env.schema.js';
import { InvalidConfigError } from './env.schema.js';

// Transport security and what one charger may cost the server (contract section 9).
export const securityConfig = (e: Env) => {
  if (!!e.TLS_CERT_FILE !== !!e.TLS_KEY_FILE) {
    throw new InvalidConfigError(
      'Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE: set both or neither',
    );
  }
  if (e.TLS_CLIENT_CA_FILE && !e.TLS_CERT_FILE) {
    throw new InvalidConfigError(
      'Invalid configuration: TLS_CLIENT_CA_FILE: needs TLS_CERT_FILE and TLS_KEY_FILE',
    );
  }
  return {
    tls: e.TLS_CERT_FILE
      ? {
          certFile: e.TLS_CERT_FILE,
          keyFile: e.TLS_KEY_FILE!,
          clientCaFile: e.TLS_CLIENT_CA_FILE,
          reloadCheckMs: e.TLS_RELOAD_CHECK_S * 1000,
        }
      : undefined,
    /** one reverse proxy in front: its X-Forwarded-For / -Proto are believed */
    trustProxy: e.TRUST_PROXY,
    maxMessageBytes: e.OCPP_MAX_MESSAGE_BYTES,
    /** inbound calls of one charger waiting or running, at most (OCPP-J: one in flight) */
    maxPendingCalls: e.OCPP_MAX_PENDING_CALLS,
    ratePer10s: e.OCPP_RATE_LIMIT_PER_10S,
    maxSamplesPerMessage: e.OCPP_MAX_SAMPLES_PER_MESSAGE,
    maxConnectors: e.OCPP_MAX_CONNECTORS,
    handshakeFailuresPerMin: e.OCPP_HANDSHAKE_FAILURES_PER_MIN,
    /** live /ws/users subscriptions re-ask their access this often (a lost revocation ends) */
    accessRecheckMs: e.REALTIME_ACCESS_RECHECK_S * 1000,
  };
};
export type SecurityConfig = ReturnType<typeof securityConfig>;
export type TlsConfig = NonNullable<SecurityConfig['tls']>;
