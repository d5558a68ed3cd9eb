import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { CHARGE_POINT_ID_PATTERN } from '../../../common/contracts/charge-point-id.js';
import { PageQueryDto } from '../../../common/http/paging.js';

export class TransactionDto {
  @ApiProperty({ example: 17 }) id!: number;
  @ApiProperty({ example: 'CP_BKK_001' }) chargePointId!: string;
  @ApiProperty({ example: 1 }) connectorId!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'TAG1',
    description: 'null unless the caller owns the charger, holds the tag, or is an admin',
  })
  idTag!: string | null;
  @ApiProperty({ enum: ['active', 'completed'] }) status!: 'active' | 'completed';
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stoppedAt!: string | null;
  @ApiProperty({ example: 0 }) meterStartWh!: number;
  @ApiProperty({ type: Number, nullable: true, example: 15300 }) meterStopWh!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 15300,
    description:
      'meterStop − meterStart; while active, the energy so far (null before any reading)',
  })
  energyWh!: number | null;
  @ApiProperty({ example: 5400, description: 'Seconds from start to stop (to now while active)' })
  durationS!: number;
  @ApiProperty({ type: String, nullable: true, example: 'EVDisconnected' }) stopReason!:
    string | null;
}

export class TransactionPageDto {
  @ApiProperty({ type: [TransactionDto] }) items!: TransactionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}

export class ListTransactionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'CP_BKK_001' })
  @IsOptional()
  @Matches(CHARGE_POINT_ID_PATTERN, {
    message: 'chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .',
  })
  chargePointId?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed'] })
  @IsOptional()
  @IsIn(['active', 'completed'])
  status?: 'active' | 'completed';

  @ApiPropertyOptional({ format: 'date-time', description: 'Started at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Started before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
