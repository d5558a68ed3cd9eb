import { isValidChargePointId } from '../../common/contracts/charge-point-id.js';
import type { ChargePointEventName } from '../../common/contracts/charge-point-events.js';

// The /ws/users protocol of contract section 3: JSON text frames, `action` from the client,
// `type` from the server.

export type ClientMessage =
  | { action: 'subscribe'; chargePointId: string; sinceSeq?: number; id?: string }
  | { action: 'unsubscribe'; chargePointId: string; id?: string }
  | { action: 'ping'; id?: string }
  | { action: 'authenticate'; accessToken: string; id?: string };

export type ErrorCode = 'bad_request' | 'not_found' | 'rate_limited' | 'too_many_subscriptions';

/** What the server sends, by `type` (the typed server-to-client map). */
export interface ServerMessages {
  subscribed: {
    chargePointId: string;
    snapshot: unknown | null;
    seq: number;
    resumedFrom?: number;
    id?: string;
  };
  event: {
    chargePointId: string;
    event: ChargePointEventName;
    seq: number;
    at: string;
    data: unknown;
  };
  unsubscribed: { chargePointId: string; reason: 'requested' | 'access_revoked'; id?: string };
  resync: { chargePointId: string; snapshot: unknown; seq: number };
  /** `chargePointId`: the charger a subscribe was about (not_found, too_many_subscriptions) */
  error: { code: ErrorCode; message: string; chargePointId?: string; id?: string };
  pong: { id?: string };
  authenticated: { expiresAt: string; id?: string };
}

export type ServerMessage<T extends keyof ServerMessages = keyof ServerMessages> = {
  type: T;
} & ServerMessages[T];

export const CLOSE = {
  /** the token ran out and no fresh one came */
  TOKEN_EXPIRED: 4401,
  /** nothing (no message, no pong) came for the idle timeout */
  IDLE: 4408,
  /** kept sending past the rate limit */
  POLICY: 1008,
  /** a message over the size limit */
  TOO_BIG: 1009,
  /** could not keep up: the send buffer passed its hard limit */
  TRY_AGAIN_LATER: 1013,
  /** the server is restarting */
  RESTART: 1012,
} as const;

export class BadRequest extends Error {}

const optionalId = (raw: Record<string, unknown>) => {
  if (raw.id === undefined) return {};
  if (typeof raw.id !== 'string' || raw.id.length > 64)
    throw new BadRequest('id must be a string of up to 64 characters');
  return { id: raw.id };
};

const chargePointIdOf = (raw: Record<string, unknown>) => {
  if (typeof raw.chargePointId !== 'string' || !isValidChargePointId(raw.chargePointId)) {
    throw new BadRequest('chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .');
  }
  return raw.chargePointId;
};

/** Parses one text frame; a frame that is not a valid message throws BadRequest (with its id, if readable). */
export function parseClientMessage(text: string): ClientMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BadRequest('message is not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new BadRequest('message must be a JSON object');
  const msg = raw as Record<string, unknown>;
  const id = optionalId(msg);
  switch (msg.action) {
    case 'subscribe': {
      const chargePointId = chargePointIdOf(msg);
      if (msg.sinceSeq === undefined) return { action: 'subscribe', chargePointId, ...id };
      if (
        typeof msg.sinceSeq !== 'number' ||
        !Number.isSafeInteger(msg.sinceSeq) ||
        msg.sinceSeq < 0
      ) {
        throw new BadRequest('sinceSeq must be a whole number >= 0');
      }
      return { action: 'subscribe', chargePointId, sinceSeq: msg.sinceSeq, ...id };
    }
    case 'unsubscribe':
      return { action: 'unsubscribe', chargePointId: chargePointIdOf(msg), ...id };
    case 'ping':
      return { action: 'ping', ...id };
    case 'authenticate':
      if (
        typeof msg.accessToken !== 'string' ||
        msg.accessToken.length === 0 ||
        msg.accessToken.length > 4096
      ) {
        throw new BadRequest('accessToken must be a non-empty string');
      }
      return { action: 'authenticate', accessToken: msg.accessToken, ...id };
    default:
      throw new BadRequest('action must be one of subscribe, unsubscribe, ping, authenticate');
  }
}

/** The id of a frame, when one can be read, to echo in an error. */
export function readableId(text: string): string | undefined {
  try {
    const raw = JSON.parse(text) as { id?: unknown };
    return typeof raw?.id === 'string' && raw.id.length <= 64 ? raw.id : undefined;
  } catch {
    return undefined;
  }
}
