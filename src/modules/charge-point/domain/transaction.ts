import { TransactionEnergy } from './transaction-energy.js';

// A charging transaction, whatever OCPP version reported it: how it starts, how it stops, and
// the energy it delivered. Plain rules, no persistence (the repository port loads and saves it).

/** A transaction as the repository hands it over. */
export interface TransactionState {
  id: number;
  chargePointId: string;
  connectorId: number;
  /** '' when the charger had none (OCPP 2.0.1: begun by a plugged cable) */
  idTag: string;
  /** the charger's own id (OCPP 2.0.1); null for 1.6, where ours is the charger's */
  ocppTransactionId: string | null;
  meterStartWh: number;
  startedAt: Date;
  stoppedAt: Date | null;
}

export interface StartFacts {
  chargePointId: string;
  connectorId: number;
  idTag: string;
  meterStartWh: number;
  startedAt: Date;
  reservationId?: number;
  ocppTransactionId?: string;
}

/** What a new transaction is made of, before it has an id. */
export interface NewTransaction {
  chargePointId: string;
  connectorId: number;
  idTag: string;
  meterStartWh: number;
  startedAt: Date;
  reservationId: number | null;
  ocppTransactionId: string | null;
}

export interface StopFacts {
  /** undefined: the charger did not say (OCPP 2.0.1) */
  meterStopWh?: number;
  stoppedAt: Date;
  idTag?: string;
  reason?: string;
  /** the energy the connector last showed for this transaction (null: none, or it moved on) */
  lastEnergyWh: number | null;
}

export interface TransactionStop {
  meterStopWh: number;
  stoppedAt: Date;
  stopReason: string;
  stopIdTag: string | null;
  /** energy delivered from the start to the stop */
  energyWh: number;
}

/** Our transaction ids are 32-bit: one past that (or not positive) is none of ours. */
export const MAX_TRANSACTION_ID = 2_147_483_647;

export class Transaction {
  constructor(readonly state: TransactionState) {}

  static start(facts: StartFacts): NewTransaction {
    return {
      chargePointId: facts.chargePointId,
      connectorId: facts.connectorId,
      idTag: facts.idTag,
      meterStartWh: facts.meterStartWh,
      startedAt: facts.startedAt,
      reservationId: facts.reservationId ?? null,
      ocppTransactionId: facts.ocppTransactionId ?? null,
    };
  }

  /** Whether a transaction id a charger sent could be one we issued. */
  static isOurId(id: number | undefined): id is number {
    return id !== undefined && id > 0 && id <= MAX_TRANSACTION_ID;
  }

  get id(): number {
    return this.state.id;
  }

  get live(): boolean {
    return !this.state.stoppedAt;
  }

  get energy(): TransactionEnergy {
    return new TransactionEnergy(this.state.meterStartWh);
  }

  /** A 2.0.1 transaction begun by a cable learns its id tag when the driver authorises. */
  idTagToLearn(idTag: string): string | null {
    return idTag && !this.state.idTag ? idTag : null;
  }

  /** The stop to record; null when it stopped already (a retry changes nothing). */
  stop(facts: StopFacts): TransactionStop | null {
    if (!this.live) return null;
    const energy = this.energy;
    const meterStopWh = energy.stopRegisterWh(facts.meterStopWh, facts.lastEnergyWh);
    return {
      meterStopWh,
      stoppedAt: facts.stoppedAt,
      stopReason: facts.reason ?? 'Local', // OCPP 1.6: an absent reason means Local
      stopIdTag: facts.idTag ?? null,
      energyWh: energy.at(meterStopWh),
    };
  }
}
