import type { ServerMessage } from './realtime-protocol.js';

/** What a frame is about: an SSE stream numbers its messages with it, MQTT picks a topic by it. */
export interface FrameMeta {
  type: ServerMessage['type'];
  chargePointId?: string;
  seq?: number;
}

// The one thing a user session knows of the connection it runs on. WebSocket, Server-Sent Events
// and MQTT are adapters of this port, so that subscriptions, snapshots, seq, resume, coalescing,
// the slow-consumer policy, limits and revocation are written once (the hub and UserSession) and
// hold on every channel alike.
export interface SessionChannel {
  readonly kind: 'ws' | 'sse' | 'mqtt';
  readonly open: boolean;
  /** Bytes handed to the connection that the client has not taken yet: the backpressure signal. */
  readonly pendingBytes: number;
  /** Whether the idle timeout applies (a channel with its own keep-alive, or none inbound, is exempt). */
  readonly idles: boolean;
  /** One server message, already serialised as /ws/users would send it. */
  send(frame: string, meta: FrameMeta): void;
  /** Ends the connection; `code` is a /ws/users close code (CLOSE), which each channel maps. */
  close(code: number, reason: string): void;
  /** Asks a quiet client for a sign of life (a WebSocket ping); a no-op where there is none. */
  probe(): void;
}
