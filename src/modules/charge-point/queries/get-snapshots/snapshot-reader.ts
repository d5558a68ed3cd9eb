import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../../../../infrastructure/database/transaction-runner.js';
import { seesPersonalData } from '../../../../common/contracts/access.js';
import type { Viewer } from '../../../../common/contracts/users.js';
import type { ChargePointSnapshotDto } from '../../dto/charge-point.dto.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';

// Builds snapshots from the live state in the database: three queries for any number of
// chargers (charge points, their connectors, their running transactions), read in one
// repeatable-read transaction so that `seq` and the state it describes agree.
@Injectable()
export class SnapshotReader {
  constructor(private readonly tx: TransactionRunner) {}

  read(viewer: Viewer, ids: string[] | 'all'): Promise<ChargePointSnapshotDto[]> {
    return this.tx.run((m) => this.readWith(m, viewer, ids), 'REPEATABLE READ');
  }

  private async readWith(
    m: EntityManager,
    viewer: Viewer,
    ids: string[] | 'all',
  ): Promise<ChargePointSnapshotDto[]> {
    const chargePoints = await m.find(ChargePointEntity, {
      where: ids === 'all' ? {} : { id: In(ids) },
      order: { id: 'ASC' },
    });
    if (chargePoints.length === 0) return [];
    const cpIds = chargePoints.map((c) => c.id);
    const connectors = await m.find(ConnectorEntity, {
      where: { chargePointId: In(cpIds) },
      order: { connectorId: 'ASC' },
    });
    const txIds = connectors.flatMap((c) => (c.transactionId ? [c.transactionId] : []));
    const transactions = txIds.length ? await m.findBy(TransactionEntity, { id: In(txIds) }) : [];
    const txById = new Map(transactions.map((t) => [t.id, t]));

    return chargePoints.map((cp) => {
      const access =
        viewer.role === 'admin' ? 'admin' : cp.ownerId === viewer.id ? 'owner' : 'grantee';
      const showIdTag = seesPersonalData(access);
      return {
        id: cp.id,
        online: cp.online,
        lastSeenAt: cp.lastSeenAt?.toISOString() ?? null,
        vendor: cp.vendor,
        model: cp.model,
        firmwareVersion: cp.firmwareVersion,
        connectorCount: cp.connectorCount,
        ocppVersion: cp.ocppVersion,
        connectors: connectors
          .filter((c) => c.chargePointId === cp.id)
          .map((c) => {
            const tx = c.transactionId ? txById.get(c.transactionId) : undefined;
            return {
              connectorId: c.connectorId,
              type: c.type,
              maxPowerW: c.maxPowerW,
              maxCurrentA: c.maxCurrentA,
              status: c.status,
              ...(c.ocppStatus !== null ? { ocppStatus: c.ocppStatus } : {}),
              errorCode: c.errorCode,
              powerW: c.powerW,
              energyWh: c.energyWh,
              transaction: tx
                ? {
                    id: tx.id,
                    // '' is a 2.0.1 transaction begun before any idToken: it has none
                    idTag: showIdTag && tx.idTag ? tx.idTag : null,
                    startedAt: tx.startedAt.toISOString(),
                    meterStartWh: tx.meterStartWh,
                    ...(tx.ocppTransactionId !== null
                      ? { ocppTransactionId: tx.ocppTransactionId }
                      : {}),
                  }
                : null,
            };
          }),
        seq: cp.lastSeq,
      };
    });
  }
}
