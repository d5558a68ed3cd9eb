import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import {
  type ChargerCredentials,
  ChargerCredentialsRepository,
} from '../domain/charger-credentials.js';
import { ChargePointEntity } from './charge-point.entity.js';

// After the I/O callbacks of this turn: the handshakes of a reconnect storm arrive in many
// callbacks, and their lookups (and first-connect registrations) become one statement each.
const thisTurn = { batchScheduleFn: (run: () => void) => setImmediate(run), cache: false };

@Injectable()
export class TypeOrmChargerCredentials extends ChargerCredentialsRepository {
  private readonly credentials: DataLoader<string, ChargerCredentials | null>;
  private readonly registrations: DataLoader<string, true>;

  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {
    super();
    this.credentials = new DataLoader(async (ids) => {
      const found = await this.chargePoints.find({
        where: { id: In([...ids]) },
        select: { id: true, passwordHash: true, securityProfile: true },
      });
      const byId = new Map(found.map((cp) => [cp.id, cp]));
      return ids.map((id) => {
        const cp = byId.get(id);
        if (!cp) return null;
        const securityProfile = cp.securityProfile as ChargerCredentials['securityProfile'];
        return { securityProfile, passwordHash: cp.passwordHash };
      });
    }, thisTurn);
    this.registrations = new DataLoader(async (ids) => {
      // orIgnore: two first connections may race
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 500) {
        await this.chargePoints
          .createQueryBuilder()
          .insert()
          .values(unique.slice(i, i + 500).map((id) => ({ id })))
          .orIgnore()
          .execute();
      }
      return ids.map(() => true as const);
    }, thisTurn);
  }

  find(chargePointId: string): Promise<ChargerCredentials | null> {
    return this.credentials.load(chargePointId);
  }

  async registerUnknown(chargePointId: string): Promise<void> {
    await this.registrations.load(chargePointId);
  }

  async save(chargePointId: string, credentials: ChargerCredentials): Promise<void> {
    const { securityProfile, passwordHash } = credentials;
    await this.chargePoints.update(chargePointId, { securityProfile, passwordHash });
  }
}
