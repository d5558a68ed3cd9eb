import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { GRANT_LEVELS, type GrantLevel } from '../../../common/contracts/access.js';
import { CHARGE_POINT_ID_PATTERN } from '../../../common/contracts/charge-point-id.js';

export class AddGrantDto {
  @ApiProperty({ format: 'uuid', description: 'The user who may then see this charger' })
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({
    enum: GRANT_LEVELS,
    default: 'view',
    description: 'view: see it live; operate: also send it commands. Granting again changes it.',
  })
  @IsOptional()
  @IsIn(GRANT_LEVELS)
  level?: GrantLevel;
}

export class GrantDto {
  @ApiProperty({ example: 'CP_BKK_001' }) chargePointId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: GRANT_LEVELS }) level!: GrantLevel;
}

export class GrantListItemDto extends GrantDto {
  @ApiProperty({ example: 'alice' }) username!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class GrantPageDto {
  @ApiProperty({ type: [GrantListItemDto] }) items!: GrantListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
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

export class SubscriptionPageDto {
  @ApiProperty({ type: [SubscriptionDto] }) items!: SubscriptionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}
