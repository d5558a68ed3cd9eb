// One OCPP version's edge: the handlers of the actions a charger of that version may send,
// keyed by (version, action), and the actions that flow the other way (answered NotSupported,
// where a name the version does not know at all is NotImplemented).

export interface OcppActionHandler<Req = unknown, Res = unknown> {
  readonly action: string;
  handle(chargePointId: string, request: Req): Promise<Res>;
}

export interface OcppEdge {
  /** The WebSocket sub-protocol: `ocpp1.6`, `ocpp2.0.1`. */
  readonly protocol: string;
  readonly handlers: readonly OcppActionHandler[];
  readonly csmsInitiatedActions: readonly string[];
}

export const OCPP_EDGES = Symbol('OCPP_EDGES');

/** The version a sub-protocol names, as the snapshot says it (`ocppVersion`). */
export const ocppVersionOf = (protocol: string) => protocol.replace(/^ocpp/, '');
