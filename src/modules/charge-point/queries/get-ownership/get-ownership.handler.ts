import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  GetChargePointOwnershipQuery,
  ListOwnedChargePointIdsQuery,
} from '../../../../common/contracts/access.js';
import { ListOnlineChargePointIdsQuery } from '../../../../common/contracts/charge-points.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';

@QueryHandler(GetChargePointOwnershipQuery)
export class GetOwnershipHandler implements IQueryHandler<GetChargePointOwnershipQuery> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {}

  async execute({ chargePointId }: GetChargePointOwnershipQuery) {
    const found = await this.chargePoints.findOne({
      where: { id: chargePointId },
      select: { id: true, ownerId: true },
    });
    return found ? { ownerId: found.ownerId } : null;
  }
}

@QueryHandler(ListOwnedChargePointIdsQuery)
export class ListOwnedChargePointIdsHandler implements IQueryHandler<ListOwnedChargePointIdsQuery> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {}

  async execute({ userId }: ListOwnedChargePointIdsQuery): Promise<string[]> {
    const rows = await this.chargePoints.find({ where: { ownerId: userId }, select: { id: true } });
    return rows.map((r) => r.id);
  }
}

@QueryHandler(ListOnlineChargePointIdsQuery)
export class ListOnlineChargePointIdsHandler implements IQueryHandler<ListOnlineChargePointIdsQuery> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {}

  async execute(): Promise<string[]> {
    const rows = await this.chargePoints.find({ where: { online: true }, select: { id: true } });
    return rows.map((r) => r.id);
  }
}
