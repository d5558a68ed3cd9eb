// The domain events of contract section 3. Each carries the charger id, its `seq` (allocated
// in the same database transaction that made the change) and plain data only.

export interface ConnectorStaticData {
  connectorId: number;
  type: string | null;
  maxPowerW: number | null;
  maxCurrentA: number | null;
}

export interface ChargePointEventData {
  ChargePointOnline: { reconnected: boolean };
  ChargePointOffline: { reason: 'closed' | 'timeout' | 'instance_lost' };
  ChargePointBooted: {
    vendor: string;
    model: string;
    firmwareVersion: string | null;
    connectorCount: number;
    connectors: ConnectorStaticData[];
  };
  /** `status` in OCPP 1.6's words; `ocppStatus` the charger's own where it differs (2.0.1) */
  ConnectorStatusChanged: {
    connectorId: number;
    status: string;
    errorCode: string;
    info?: string;
    ocppStatus?: string;
  };
  MeterValues: {
    connectorId: number;
    transactionId: number | null;
    powerW: number;
    energyWh: number | null;
    currentA?: number;
    voltageV?: number;
    socPercent?: number;
    sampledAt: string;
  };
  TransactionStarted: {
    transactionId: number;
    connectorId: number;
    /** null: a 2.0.1 transaction that began before any idToken (a plugged-in cable) */
    idTag: string | null;
    meterStartWh: number;
    startedAt: string;
    /** OCPP 2.0.1: the charger's own transaction id */
    ocppTransactionId?: string;
  };
  TransactionStopped: {
    transactionId: number;
    connectorId: number;
    meterStopWh: number;
    energyWh: number;
    stoppedAt: string;
    reason: string;
  };
  ConnectorConfigured: ConnectorStaticData;
  CommandSent: { commandId: string; command: string; requestedBy: string };
  CommandCompleted: { commandId: string; command: string; status: string; error?: string };
}

export type ChargePointEventName = keyof ChargePointEventData;

/** A change to one charger, as published on the event bus and pushed to its watchers. */
export class ChargePointEvent<N extends ChargePointEventName = ChargePointEventName> {
  constructor(
    readonly chargePointId: string,
    readonly name: N,
    readonly seq: number,
    readonly at: string,
    readonly data: ChargePointEventData[N],
  ) {}
}

/** An event that is yet to be numbered: handlers collect these, the sequencer stamps them. */
export interface PendingEvent<N extends ChargePointEventName = ChargePointEventName> {
  name: N;
  data: ChargePointEventData[N];
}

export function pending<N extends ChargePointEventName>(
  name: N,
  data: ChargePointEventData[N],
): PendingEvent<N> {
  return { name, data };
}
