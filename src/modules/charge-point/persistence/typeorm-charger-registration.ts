import type { NewCharger } from '../domain/charger.js';
import type { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { isUniqueViolation } from '../../../infrastructure/database/unique-violation.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { ConnectorEntity } from './connector.entity.js';

// An operator's registration: the charger and its connectors in one transaction, its connector
// count the highest connector id. False when the id is taken.
export async function registerCharger(
  tx: TransactionRunner,
  charger: NewCharger,
): Promise<boolean> {
  const { id, ownerId, passwordHash, securityProfile, connectors } = charger;
  try {
    await tx.run(async (m) => {
      await m.insert(ChargePointEntity, {
        id,
        ownerId,
        passwordHash,
        securityProfile,
        connectorCount: Math.max(0, ...connectors.map((c) => c.connectorId)),
      });
      if (connectors.length) {
        await m.insert(
          ConnectorEntity,
          connectors.map((c) => ({ ...c, chargePointId: id })),
        );
      }
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
