import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

// Our port onto an OCPP-J library: framing, call correlation and schema validation live behind
// it, so the library can be replaced without touching the gateway or the action handlers.

export interface OcppHandshake {
  chargePointId: string;
  protocols: ReadonlySet<string>;
  password: Buffer | undefined;
  /** the client's address (behind a trusted proxy: the address the proxy saw) */
  remoteAddress: string | undefined;
  /** the connection came over TLS (to us, or to a trusted proxy that said so) */
  secure: boolean;
  /** the subject CN of a client certificate signed by TLS_CLIENT_CA_FILE, if one was shown */
  clientCertificateCn: string | undefined;
}

export type OcppHandshakeDecision =
  { accept: true; protocol: string } | { accept: false; status: number; message: string };

export type OcppCallHandler = (action: string, params: unknown) => Promise<unknown>;

export interface OcppConnection {
  readonly chargePointId: string;
  readonly protocol: string;
  /**
   * Registers one handler for these inbound actions; any other action is NotImplemented.
   * One handler for all of them: a closure per action and connection cost ~5 KiB per charger.
   */
  serve(actions: readonly string[], handler: OcppCallHandler): void;
  /** Every inbound frame and every pong: the charger is alive. */
  onActivity(listener: () => void): void;
  onClose(listener: (code: number) => void): void;
  close(code: number, reason: string): Promise<void>;
  /**
   * Sends a CALL to the charger and resolves with its CALLRESULT payload. Both are validated
   * against the schemas of the connection's protocol; a request that fails is never sent.
   * Rejects with an OcppOutboundError. The caller sends one CALL at a time (OCPP-J).
   */
  call(action: string, params: unknown, timeoutMs: number): Promise<unknown>;
}

/** How an outbound CALL ended without a valid CALLRESULT. */
export type OcppCallFailure =
  | { kind: 'invalid_params'; message: string }
  | { kind: 'call_error'; code: string; message: string }
  | { kind: 'timeout' }
  | { kind: 'disconnected' };

export class OcppOutboundError extends Error {
  constructor(readonly failure: OcppCallFailure) {
    super('message' in failure ? failure.message : failure.kind);
  }
}

export abstract class OcppTransport {
  abstract readonly protocols: readonly string[];
  abstract handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  abstract authenticate(decide: (handshake: OcppHandshake) => Promise<OcppHandshakeDecision>): void;
  abstract onConnection(listener: (connection: OcppConnection) => void): void;
  abstract close(): Promise<void>;
}

/** Thrown by an action handler: answered as a CALLERROR with this OCPP error code. */
export class OcppCallError extends Error {
  constructor(
    readonly ocppCode: string,
    message: string,
  ) {
    super(message);
  }
}
