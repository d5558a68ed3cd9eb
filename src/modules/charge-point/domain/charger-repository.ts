import type {
  ChargePointEventData,
  ChargePointEventName,
} from '../../../common/contracts/charge-point-events.js';
import type { ChargerBoot, ChargerOwnership, ChargerState, NewCharger } from './charger.js';
import type { StatusChange } from './connector-status.js';
import type {
  ConnectorConfiguration,
  ConnectorState,
  LatestReading,
  LiveMeter,
} from './connector.js';
import type { MeterValueInput } from './meter-values.js';
import type { NewTransaction, TransactionState, TransactionStop } from './transaction.js';

// The port the charger's command handlers depend on: they load what they need, apply the
// domain's rules and save the outcome through it, and never see the database. Behind it (the
// TypeOrmChargerRepository of persistence/) one charger's changes run one after another, each in
// a database transaction shared with other chargers' (the batching), and the events emitted in
// a change get the charger's next seq numbers and are published once it commits.

export type Emit = <N extends ChargePointEventName>(name: N, data: ChargePointEventData[N]) => void;

/** One change of one charger: its reads and writes belong to one database transaction. */
export interface ChargerChange {
  // the charger
  /** the charger with its connectors; null when it was removed */
  loadCharger(): Promise<ChargerState | null>;
  saveBoot(boot: ChargerBoot): Promise<void>;
  /** online from now, speaking this OCPP version (written with the batch: connect storms) */
  markOnline(ocppVersion: string): void;
  /** offline if it was online (and last seen then, if given): false when it was not */
  markOffline(lastSeenAt?: Date): Promise<boolean>;
  /** whom it belongs to; null when it was removed */
  loadOwnership(): Promise<ChargerOwnership | null>;
  changeOwner(ownerId: string | null): Promise<void>;
  /** its password from its next connection, as a hash */
  changePassword(passwordHash: string): Promise<void>;
  /** removes it (its connectors, grants and subscriptions go with it): false when it was gone */
  remove(): Promise<boolean>;

  // transactions
  /** a transaction of this charger, by our id */
  findTransaction(id: number): Promise<TransactionState | null>;
  /** a transaction of this charger, by the charger's own id (OCPP 2.0.1) */
  findTransactionByOcppId(ocppTransactionId: string): Promise<TransactionState | null>;
  /** a 1.6 StartTransaction already recorded with these very facts (a retry) */
  findSameStart(start: NewTransaction): Promise<TransactionState | null>;
  /** the new transaction's id */
  addTransaction(start: NewTransaction): Promise<number>;
  setTransactionIdTag(id: number, idTag: string): Promise<void>;
  saveStop(id: number, stop: TransactionStop): Promise<void>;
  /** records an OCPP 2.0.1 TransactionEvent's seqNo: false when it was recorded before */
  recordSeqNo(transactionId: number, seqNo: number): Promise<boolean>;
  /** keeps a stop of a transaction we never issued, once, for an operator to reconcile */
  keepUnmatchedStop(stop: UnmatchedStop): Promise<void>;

  // connectors
  /** the connector, created as Unknown the first time the charger mentions it */
  connector(connectorId: number): Promise<{ connector: ConnectorState; created: boolean }>;
  /** the connector only while this transaction runs on it */
  connectorOfTransaction(tx: TransactionState): Promise<ConnectorState | null>;
  /** the transaction is the connector's (the connector is created if new) */
  startOnConnector(connectorId: number, transactionId: number): Promise<void>;
  /** the connector is free again, only if this transaction still holds it */
  freeConnector(connectorId: number, transactionId: number): Promise<void>;
  saveConnectorStatus(connectorId: number, next: StatusChange['next']): Promise<void>;
  saveConnectorConfiguration(connectorId: number, config: ConnectorConfiguration): Promise<void>;
  /** connector 0: the whole station's status */
  saveStationStatus(status: string, errorCode: string): Promise<void>;

  // readings
  /** keeps every sampled value; returns the newest reading */
  addMeterValues(
    connectorId: number,
    transactionId: number | null,
    meterValues: MeterValueInput[],
  ): LatestReading | null;
  saveLiveMeter(connector: ConnectorState, live: LiveMeter): void;
}

export interface UnmatchedStop {
  transactionId: number;
  meterStopWh: number;
  stoppedAt: Date;
  idTag: string | null;
  reason: string | null;
}

export interface ChangeOptions {
  /**
   * The change writes nothing but readings (MeterValues): what it read may be kept for the
   * charger's next such change, until any other change of the charger runs.
   */
  readingsOnly?: boolean;
}

/** Abstract class: its own injection token. */
export abstract class ChargerRepository {
  abstract change<T>(
    chargePointId: string,
    work: (change: ChargerChange, emit: Emit) => Promise<T>,
    options?: ChangeOptions,
  ): Promise<T>;

  /**
   * Events of the charger's stream that change nothing stored (a command's lifecycle): numbered
   * and published in order with its changes.
   */
  abstract publish<N extends ChargePointEventName>(
    chargePointId: string,
    name: N,
    data: ChargePointEventData[N],
  ): Promise<void>;

  /** false when a charger of that id exists already */
  abstract register(charger: NewCharger): Promise<boolean>;

  /** The chargers stored as online. */
  abstract listOnline(): Promise<string[]>;

  /** The charger was heard from (a heartbeat): no change its watchers see, no event. */
  abstract recordSeen(chargePointId: string, at: Date): Promise<void>;

  /** Its last FirmwareStatusNotification or DiagnosticsStatusNotification: no event. */
  abstract recordFirmwareStatus(
    chargePointId: string,
    kind: 'firmware' | 'diagnostics',
    status: string,
  ): Promise<void>;
}
