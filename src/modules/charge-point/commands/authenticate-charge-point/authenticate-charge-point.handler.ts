import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { verifyPassword } from '../../../../common/crypto/password-hash.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import {
  AuthenticateChargePointCommand,
  type ChargePointAuthResult,
} from './authenticate-charge-point.command.js';

@CommandHandler(AuthenticateChargePointCommand)
export class AuthenticateChargePointHandler implements ICommandHandler<AuthenticateChargePointCommand> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {}

  async execute(cmd: AuthenticateChargePointCommand): Promise<ChargePointAuthResult> {
    const found = await this.chargePoints.findOne({
      where: { id: cmd.chargePointId },
      select: { id: true, passwordHash: true },
    });
    if (!found) {
      if (!cmd.registerUnknown) return 'unknown';
      // registered with no owner; orIgnore: two first connections may race
      await this.chargePoints
        .createQueryBuilder()
        .insert()
        .values({ id: cmd.chargePointId })
        .orIgnore()
        .execute();
      return 'accepted';
    }
    if (!found.passwordHash) return 'accepted';
    if (!cmd.password) return 'bad_credentials';
    return (await verifyPassword(cmd.password, found.passwordHash))
      ? 'accepted'
      : 'bad_credentials';
  }
}
