import { randomUUID } from 'node:crypto';
import type { OcppConnection } from './connection.js';
import type { MeterValue } from './sampled-values.js';

// What a simulated charger says, in the OCPP version it speaks: the connector's life is written
// once (1.6 words: Preparing, Charging, ...) and each dialect turns it into that version's CALLs.

export type OcppVersion = '1.6' | '2.0.1';
export const OCPP_VERSIONS: readonly OcppVersion[] = ['1.6', '2.0.1'];

export interface BootInfo {
  vendor: string;
  model: string;
  serialNumber: string;
  firmwareVersion: string;
}

export interface BootResult {
  status: 'Accepted' | 'Pending' | 'Rejected';
  interval: number;
}

/** A running transaction as the charger knows it. */
export interface SimTransaction {
  readonly connectorId: number;
  readonly id: number | string;
  /** the id tag was accepted: the car may charge */
  readonly accepted: boolean;
  /** the begin reading went out with the start (2.0.1) */
  readonly beginSent: boolean;
}

export interface OcppDialect {
  readonly protocol: string;
  boot(info: BootInfo): Promise<BootResult>;
  /**
   * A connector's status in 1.6 words; connector 0 is the station. `again`: sent even when
   * the version would say nothing new (a triggered StatusNotification).
   */
  status(
    connectorId: number,
    status: string,
    errorCode?: string,
    again?: boolean,
  ): Promise<unknown>;
  authorize(idTag: string): Promise<string>;
  start(
    connectorId: number,
    idTag: string,
    meterStartWh: number,
    begin: MeterValue,
  ): Promise<SimTransaction>;
  meterValues(tx: SimTransaction, value: MeterValue): Promise<unknown>;
  stop(
    tx: SimTransaction,
    idTag: string,
    meterStopWh: number,
    reason: string,
    end: MeterValue,
  ): Promise<unknown>;
}

export function dialectFor(version: OcppVersion, connection: OcppConnection): OcppDialect {
  return version === '2.0.1' ? new Ocpp201Dialect(connection) : new Ocpp16Dialect(connection);
}

interface IdTagInfo {
  status: string;
}

class Ocpp16Dialect implements OcppDialect {
  readonly protocol = 'ocpp1.6';

  constructor(private readonly c: OcppConnection) {}

  boot(info: BootInfo) {
    return this.c.call<BootResult>(
      'BootNotification',
      {
        chargePointVendor: info.vendor,
        chargePointModel: info.model,
        chargePointSerialNumber: info.serialNumber,
        firmwareVersion: info.firmwareVersion,
        meterType: 'Simulated AC meter',
      },
      true,
    );
  }

  status(connectorId: number, status: string, errorCode = 'NoError') {
    const timestamp = new Date().toISOString();
    return this.c.call('StatusNotification', { connectorId, status, errorCode, timestamp }, true);
  }

  async authorize(idTag: string) {
    const res = await this.c.call<{ idTagInfo: IdTagInfo }>('Authorize', { idTag }, true);
    return res.idTagInfo.status;
  }

  async start(connectorId: number, idTag: string, meterStart: number, begin: MeterValue) {
    const res = await this.c.call<{ transactionId: number; idTagInfo: IdTagInfo }>(
      'StartTransaction',
      { connectorId, idTag, meterStart, timestamp: begin.timestamp },
      true,
    );
    return {
      connectorId,
      id: res.transactionId,
      accepted: res.idTagInfo.status === 'Accepted',
      beginSent: false,
    };
  }

  meterValues(tx: SimTransaction, value: MeterValue) {
    return this.c.call(
      'MeterValues',
      { connectorId: tx.connectorId, transactionId: tx.id, meterValue: [value] },
      true,
    );
  }

  stop(tx: SimTransaction, idTag: string, meterStop: number, reason: string, end: MeterValue) {
    return this.c.call(
      'StopTransaction',
      {
        transactionId: tx.id,
        idTag,
        meterStop,
        timestamp: end.timestamp,
        reason,
        // the begin reading went out as MeterValues already: the end one is what is new
        transactionData: [end],
      },
      true,
    );
  }
}

/** 1.6 stop reasons that 2.0.1 names otherwise (it has no unlock reason). */
const STOPPED_REASONS: Record<string, string> = {
  HardReset: 'ImmediateReset',
  SoftReset: 'Reboot',
  UnlockCommand: 'Other',
};

/** 1.6 statuses that 2.0.1 says through the transaction's chargingState. */
const CHARGING_STATES = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);

// 2.0.1: the EVSE is the connector; StatusNotification knows only Available, Occupied, Reserved,
// Unavailable and Faulted (sent when that word changes), and a transaction is one
// TransactionEvent stream (Started, Updated..., Ended) numbered by seqNo.
class Ocpp201Dialect implements OcppDialect {
  readonly protocol = 'ocpp2.0.1';
  private readonly connectorStatus = new Map<number, string>();
  private readonly running = new Map<number, SimTransaction>();
  private readonly seqNos = new Map<string, number>();

  constructor(private readonly c: OcppConnection) {}

  boot(info: BootInfo) {
    return this.c.call<BootResult>(
      'BootNotification',
      {
        reason: 'PowerUp',
        chargingStation: {
          vendorName: info.vendor,
          model: info.model,
          serialNumber: info.serialNumber,
          firmwareVersion: info.firmwareVersion,
        },
      },
      true,
    );
  }

  async status(connectorId: number, status: string, _errorCode?: string, again = false) {
    const tx = this.running.get(connectorId);
    if (tx && CHARGING_STATES.has(status) && !again)
      return this.event(tx, 'Updated', 'ChargingStateChanged', { chargingState: status });
    // the station as a whole has no StatusNotification in 2.0.1
    if (connectorId === 0) return;
    const word = ['Available', 'Reserved', 'Unavailable', 'Faulted'].includes(status)
      ? status
      : 'Occupied';
    if (this.connectorStatus.get(connectorId) === word && !again) return;
    this.connectorStatus.set(connectorId, word);
    return this.c.call(
      'StatusNotification',
      {
        timestamp: new Date().toISOString(),
        connectorStatus: word,
        evseId: connectorId,
        connectorId: 1,
      },
      true,
    );
  }

  async authorize(idTag: string) {
    const res = await this.c.call<{ idTokenInfo: IdTagInfo }>(
      'Authorize',
      { idToken: idToken(idTag) },
      true,
    );
    return res.idTokenInfo.status;
  }

  async start(connectorId: number, idTag: string, _meterStartWh: number, begin: MeterValue) {
    const tx = { connectorId, id: randomUUID(), accepted: false, beginSent: true };
    const res = await this.event(
      tx,
      'Started',
      'Authorized',
      { chargingState: 'EVConnected' },
      {
        evse: { id: connectorId, connectorId: 1 },
        idToken: idToken(idTag),
        meterValue: [meterValue201(begin)],
      },
      begin.timestamp,
    );
    const started = { ...tx, accepted: res.idTokenInfo?.status === 'Accepted' };
    this.running.set(connectorId, started);
    return started;
  }

  meterValues(tx: SimTransaction, value: MeterValue) {
    return this.event(
      tx,
      'Updated',
      'MeterValuePeriodic',
      {},
      { meterValue: [meterValue201(value)] },
      value.timestamp,
    );
  }

  async stop(
    tx: SimTransaction,
    idTag: string,
    _meterStopWh: number,
    reason: string,
    end: MeterValue,
  ) {
    this.running.delete(tx.connectorId);
    await this.event(
      tx,
      'Ended',
      reason === 'EVDisconnected' ? 'EVCommunicationLost' : 'StopAuthorized',
      {
        stoppedReason: STOPPED_REASONS[reason] ?? reason,
        chargingState: reason === 'EVDisconnected' ? 'Idle' : 'EVConnected',
      },
      { idToken: idToken(idTag), meterValue: [meterValue201(end)] },
      end.timestamp,
    );
    this.seqNos.delete(String(tx.id));
  }

  private event(
    tx: SimTransaction,
    eventType: 'Started' | 'Updated' | 'Ended',
    triggerReason: string,
    info: Record<string, string>,
    extra: Record<string, unknown> = {},
    timestamp = new Date().toISOString(),
  ) {
    const seqNo = this.seqNos.get(String(tx.id)) ?? 0;
    this.seqNos.set(String(tx.id), seqNo + 1);
    return this.c.call<{ idTokenInfo?: IdTagInfo }>(
      'TransactionEvent',
      {
        eventType,
        timestamp,
        triggerReason,
        seqNo,
        transactionInfo: { transactionId: String(tx.id), ...info },
        ...extra,
      },
      true,
    );
  }
}

const idToken = (idTag: string) => ({ idToken: idTag, type: 'ISO14443' });

/** 2.0.1 sends numbers, the unit inside unitOfMeasure. */
export const meterValue201 = (mv: MeterValue) => ({
  timestamp: mv.timestamp,
  sampledValue: mv.sampledValue.map(({ value, unit, ...rest }) => ({
    ...rest,
    value: Number(value),
    unitOfMeasure: { unit },
  })),
});
