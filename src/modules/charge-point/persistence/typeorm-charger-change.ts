import type { EntityManager } from 'typeorm';
import type { ChargerChange, UnmatchedStop } from '../domain/charger-repository.js';
import type { ChargerBoot, ChargerOwnership, ChargerState } from '../domain/charger.js';
import type { StatusChange } from '../domain/connector-status.js';
import {
  Connector,
  type ConnectorConfiguration,
  type ConnectorState,
  type LatestReading,
  type LiveMeter,
} from '../domain/connector.js';
import type { MeterValueInput } from '../domain/meter-values.js';
import type { NewTransaction, TransactionState, TransactionStop } from '../domain/transaction.js';
import type { BatchScope } from './batch-scope.js';
import {
  chargePointsById,
  chargePointsOnline,
  connectorKey,
  connectorMeters,
  connectorsByKey,
  connectorsOfChargePoint,
  transactionsById,
} from './batch-rows.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { findOrCreateConnector } from './connector-rows.js';
import { ConnectorEntity } from './connector.entity.js';
import { meterSampleRows, meterSamples } from './meter-samples.js';
import { TransactionEventSeqNoEntity } from './transaction-event-seq-no.entity.js';
import { TransactionEntity } from './transaction.entity.js';
import { UnmatchedStopTransactionEntity } from './unmatched-stop-transaction.entity.js';

// One charger's change on the unit of work's manager and batch. A readings-only change (the hot
// path, MeterValues) reads through the batch (one query for every charger of it) and the
// charger's memo (what its previous MeterValues read and wrote, if nothing else ran since), and
// defers its writes to one statement per batch; other changes read and write as they go.
export class TypeOrmChargerChange implements ChargerChange {
  constructor(
    private readonly m: EntityManager,
    private readonly batch: BatchScope,
    private readonly chargePointId: string,
    private readonly readingsOnly: boolean,
  ) {}

  private get memo() {
    return this.batch.memo(this.chargePointId);
  }

  // read through the batch, together (a reconnect storm boots thousands of chargers at once)
  async loadCharger(): Promise<ChargerState | null> {
    const [cp, connectors] = await Promise.all([
      this.batch.load(chargePointsById, this.chargePointId),
      this.batch.load(connectorsOfChargePoint, this.chargePointId),
    ]);
    if (!cp) return null;
    return { id: cp.id, connectorCount: cp.connectorCount, connectors: connectors ?? [] };
  }

  async saveBoot(boot: ChargerBoot): Promise<void> {
    await this.m.update(ChargePointEntity, this.chargePointId, boot);
  }

  // deferred: one UPDATE for every charger of the batch that connected (connect storms)
  markOnline(ocppVersion: string): void {
    this.batch.defer(chargePointsOnline, [{ id: this.chargePointId, ocppVersion }]);
  }

  async markOffline(lastSeenAt?: Date): Promise<boolean> {
    const { affected } = await this.m.update(
      ChargePointEntity,
      { id: this.chargePointId, online: true },
      { online: false, ...(lastSeenAt ? { lastSeenAt } : {}) },
    );
    return !!affected;
  }

  async loadOwnership(): Promise<ChargerOwnership | null> {
    const cp = await this.m.findOne(ChargePointEntity, {
      where: { id: this.chargePointId },
      select: { id: true, ownerId: true },
    });
    return cp && { ownerId: cp.ownerId };
  }

  async changeOwner(ownerId: string | null): Promise<void> {
    await this.m.update(ChargePointEntity, this.chargePointId, { ownerId });
  }

  async changePassword(passwordHash: string): Promise<void> {
    await this.m.update(ChargePointEntity, this.chargePointId, { passwordHash });
  }

  // the row goes, and with it (foreign keys) its connectors, grants, remembered subscriptions
  // and kept configuration; transactions, meter values and commands stay for accounting
  async remove(): Promise<boolean> {
    const { affected } = await this.m.delete(ChargePointEntity, { id: this.chargePointId });
    return !!affected;
  }

  async findTransaction(id: number): Promise<TransactionState | null> {
    const { chargePointId } = this;
    if (!this.readingsOnly) return this.m.findOneBy(TransactionEntity, { id, chargePointId });
    const key = `transaction:${id}`;
    const found =
      this.memo.get<TransactionEntity>(key) ?? (await this.batch.load(transactionsById, id));
    // a transactionId we never issued to this charger is none of its
    if (found?.chargePointId !== chargePointId) return null;
    this.memo.set(key, found);
    return found;
  }

  findTransactionByOcppId(ocppTransactionId: string): Promise<TransactionState | null> {
    return this.m.findOneBy(TransactionEntity, {
      chargePointId: this.chargePointId,
      ocppTransactionId,
    });
  }

  findSameStart(start: NewTransaction): Promise<TransactionState | null> {
    return this.m.findOneBy(TransactionEntity, {
      chargePointId: start.chargePointId,
      connectorId: start.connectorId,
      idTag: start.idTag,
      meterStartWh: start.meterStartWh,
      startedAt: start.startedAt,
    });
  }

  async addTransaction(start: NewTransaction): Promise<number> {
    const inserted = await this.m.insert(TransactionEntity, start);
    return Number(inserted.identifiers[0].id);
  }

  async setTransactionIdTag(id: number, idTag: string): Promise<void> {
    await this.m.update(TransactionEntity, id, { idTag });
  }

  async saveStop(id: number, stop: TransactionStop): Promise<void> {
    const { meterStopWh, stoppedAt, stopReason, stopIdTag } = stop;
    await this.m.update(TransactionEntity, id, { meterStopWh, stoppedAt, stopReason, stopIdTag });
  }

  // one charger's changes run one after another: a read, then the insert, cannot race
  async recordSeqNo(transactionId: number, seqNo: number): Promise<boolean> {
    if (await this.m.findOneBy(TransactionEventSeqNoEntity, { transactionId, seqNo })) return false;
    await this.m.insert(TransactionEventSeqNoEntity, { transactionId, seqNo });
    return true;
  }

  async keepUnmatchedStop(stop: UnmatchedStop): Promise<void> {
    const key = {
      chargePointId: this.chargePointId,
      transactionId: stop.transactionId,
      meterStopWh: stop.meterStopWh,
      stoppedAt: stop.stoppedAt,
    };
    if (await this.m.findOneBy(UnmatchedStopTransactionEntity, key)) return;
    await this.m.insert(UnmatchedStopTransactionEntity, {
      ...key,
      idTag: stop.idTag,
      reason: stop.reason,
    });
  }

  async connector(connectorId: number): Promise<{ connector: ConnectorState; created: boolean }> {
    const { chargePointId } = this;
    if (this.readingsOnly) {
      const known =
        this.memo.get<ConnectorEntity>(`connector:${connectorId}`) ??
        (await this.batch.load(connectorsByKey, connectorKey(chargePointId, connectorId)));
      if (known) return { connector: known, created: false };
    }
    return findOrCreateConnector(this.m, chargePointId, connectorId);
  }

  connectorOfTransaction(tx: TransactionState): Promise<ConnectorState | null> {
    return this.m.findOneBy(ConnectorEntity, {
      chargePointId: tx.chargePointId,
      connectorId: tx.connectorId,
      transactionId: tx.id,
    });
  }

  async startOnConnector(connectorId: number, transactionId: number): Promise<void> {
    const { chargePointId } = this;
    await findOrCreateConnector(this.m, chargePointId, connectorId);
    await this.m.update(
      ConnectorEntity,
      { chargePointId, connectorId },
      Connector.started(transactionId),
    );
  }

  async freeConnector(connectorId: number, transactionId: number): Promise<void> {
    await this.m.update(
      ConnectorEntity,
      { chargePointId: this.chargePointId, connectorId, transactionId },
      Connector.freed(),
    );
  }

  async saveConnectorStatus(connectorId: number, next: StatusChange['next']): Promise<void> {
    await this.m.update(ConnectorEntity, { chargePointId: this.chargePointId, connectorId }, next);
  }

  async saveConnectorConfiguration(
    connectorId: number,
    config: ConnectorConfiguration,
  ): Promise<void> {
    await this.m.update(
      ConnectorEntity,
      { chargePointId: this.chargePointId, connectorId },
      config,
    );
  }

  async saveStationStatus(status: string, errorCode: string): Promise<void> {
    await this.m.update(ChargePointEntity, this.chargePointId, {
      stationStatus: status,
      stationErrorCode: errorCode,
    });
  }

  addMeterValues(
    connectorId: number,
    transactionId: number | null,
    meterValues: MeterValueInput[],
  ): LatestReading | null {
    const { rows, latest } = meterSamples(
      this.chargePointId,
      connectorId,
      transactionId,
      meterValues,
    );
    this.batch.defer(meterSampleRows, rows);
    return latest;
  }

  saveLiveMeter(connector: ConnectorState, live: LiveMeter): void {
    const written = { ...(connector as ConnectorEntity), ...live };
    this.batch.defer(connectorMeters, [written]);
    if (this.readingsOnly) this.memo.set(`connector:${connector.connectorId}`, written);
  }
}
