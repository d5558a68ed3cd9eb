import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { verifyChargerSecret } from '../../../../common/crypto/charger-secret.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import {
  AuthenticateChargePointCommand,
  type ChargePointAuthResult,
} from './authenticate-charge-point.command.js';

type Credentials = Pick<ChargePointEntity, 'id' | 'passwordHash' | 'securityProfile'>;

// After the I/O callbacks of this turn: the handshakes of a reconnect storm arrive in many
// callbacks, and their lookups (and first-connect registrations) become one statement each.
const thisTurn = { batchScheduleFn: (run: () => void) => setImmediate(run), cache: false };

@CommandHandler(AuthenticateChargePointCommand)
export class AuthenticateChargePointHandler implements ICommandHandler<AuthenticateChargePointCommand> {
  private readonly credentials: DataLoader<string, Credentials | null>;
  private readonly registrations: DataLoader<string, true>;

  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {
    this.credentials = new DataLoader(async (ids) => {
      const found = await this.chargePoints.find({
        where: { id: In([...ids]) },
        select: { id: true, passwordHash: true, securityProfile: true },
      });
      const byId = new Map(found.map((cp) => [cp.id, cp]));
      return ids.map((id) => byId.get(id) ?? null);
    }, thisTurn);
    this.registrations = new DataLoader(async (ids) => {
      // registered with no owner; orIgnore: two first connections may race
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

  async execute(cmd: AuthenticateChargePointCommand): Promise<ChargePointAuthResult> {
    const found = await this.credentials.load(cmd.chargePointId);
    if (!found) {
      if (!cmd.registerUnknown) return 'unknown';
      await this.registrations.load(cmd.chargePointId);
      return 'accepted';
    }
    const { secure, clientCertificateCn } = cmd.connection;
    if (found.securityProfile >= 2 && !secure) return 'below_profile';
    if (found.securityProfile === 3) {
      return clientCertificateCn === cmd.chargePointId ? 'accepted' : 'below_profile';
    }
    if (!found.passwordHash) return 'accepted';
    if (!cmd.password) return 'bad_credentials';
    return (await verifyChargerSecret(cmd.password, found.passwordHash))
      ? 'accepted'
      : 'bad_credentials';
  }
}
