import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export const BUCKETS = { '1m': 60, '15m': 900, '1h': 3600, '1d': 86400 } as const;
export type Bucket = keyof typeof BUCKETS;
/** A chart needs no more points than this; a wider range takes a larger bucket. */
export const MAX_BUCKETS = 10_000;

export class MeterHistoryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'One connector; all without' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  connectorId?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 24 h before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: Object.keys(BUCKETS), default: '15m' })
  @IsOptional()
  @IsIn(Object.keys(BUCKETS))
  bucket?: Bucket;
}

export class MeterPointDto {
  @ApiProperty({ example: 1 }) connectorId!: number;
  @ApiProperty({ format: 'date-time', description: 'The start of the bucket' }) at!: string;
  @ApiProperty({ type: Number, nullable: true, example: 7200, description: 'Average power, W' })
  powerW!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 153000,
    description: 'The last energy register reading of the bucket, Wh',
  })
  energyWh!: number | null;
}

export class MeterHistoryDto {
  @ApiProperty({ example: 'CP_BKK_001' }) chargePointId!: string;
  @ApiProperty({ enum: Object.keys(BUCKETS) }) bucket!: Bucket;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({
    type: [MeterPointDto],
    description: 'By connector, then time; buckets without readings are left out',
  })
  items!: MeterPointDto[];
}
