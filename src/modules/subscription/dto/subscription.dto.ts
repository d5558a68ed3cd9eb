import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { CHARGE_POINT_ID_PATTERN } from '../../../common/contracts/charge-point-id.js';

export class AddGrantDto {
  @ApiProperty({ format: 'uuid', description: 'The user who may then see this charger' })
  @IsUUID()
  userId!: string;
}

export class GrantDto {
  @ApiProperty({ example: 'CP_BKK_001' }) chargePointId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
}

export class AddSubscriptionDto {
  @ApiProperty({ example: 'CP_BKK_001', pattern: CHARGE_POINT_ID_PATTERN.source })
  @IsString()
  @Matches(CHARGE_POINT_ID_PATTERN, {
    message: 'chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .',
  })
  chargePointId!: string;
}

export class SubscriptionDto {
  @ApiProperty({ example: 'CP_BKK_001' }) chargePointId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
