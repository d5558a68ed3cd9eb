import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/paging.js';
import { CHARGE_POINT_ID_PATTERN } from '../../../common/contracts/charge-point-id.js';

export class ConnectorStaticDto {
  @ApiProperty({ minimum: 1, maximum: 100, example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  connectorId!: number;

  @ApiProperty({
    example: 'Type2',
    maxLength: 32,
    description: 'Type1, Type2, CCS1, CCS2, CHAdeMO, ...',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  type!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2_000_000, example: 22000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000)
  maxPowerW?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000, example: 32 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  maxCurrentA?: number;
}

export class RegisterChargePointDto {
  @ApiProperty({
    example: 'CP_BKK_001',
    pattern: CHARGE_POINT_ID_PATTERN.source,
    description: "1 to 48 letters, digits or * - _ = + | @ . (OCPP's identifierString without ':')",
  })
  @IsString()
  @Matches(CHARGE_POINT_ID_PATTERN, {
    message: 'id must be 1 to 48 letters, digits or * - _ = + | @ .',
  })
  id!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who owns it; none: admins only' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({
    minLength: 16,
    maxLength: 40,
    description:
      'The password the charger sends with HTTP Basic auth (profiles 1 and 2). Left out: one is ' +
      'generated and returned once in the answer. Not with profile 3.',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(40)
  password?: string;

  @ApiPropertyOptional({
    enum: [1, 2, 3],
    default: 1,
    description:
      'OCPP security profile: 1 Basic auth (plain or TLS), 2 Basic auth over TLS only, 3 a TLS ' +
      'client certificate whose subject CN is the id (no password)',
  })
  @IsOptional()
  @IsIn([1, 2, 3], { message: 'securityProfile must be 1, 2 or 3' })
  securityProfile?: 1 | 2 | 3;

  @ApiPropertyOptional({ type: [ConnectorStaticDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ConnectorStaticDto)
  connectors?: ConnectorStaticDto[];
}

export class ConfigureConnectorDto {
  @ApiPropertyOptional({ example: 'CCS2', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  type?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2_000_000, example: 50000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000)
  maxPowerW?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000, example: 125 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  maxCurrentA?: number;
}

export class TransactionSnapshotDto {
  @ApiProperty({ example: 17 }) id!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'TAG1',
    description: 'Personal data: shown to the owner and admins only, null to anyone else',
  })
  idTag!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ example: 0 }) meterStartWh!: number;
  @ApiPropertyOptional({
    example: 'f3b1c2d4-0000-4a5b-9c8d-112233445566',
    description: "OCPP 2.0.1 only: the charger's own transaction id",
  })
  ocppTransactionId?: string;
}

export class ConnectorSnapshotDto {
  @ApiProperty({ example: 1 }) connectorId!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Type2' }) type!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 22000 }) maxPowerW!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 32 }) maxCurrentA!: number | null;
  @ApiProperty({ example: 'Charging', description: 'OCPP 1.6 ChargePointStatus, or Unknown' })
  status!: string;
  @ApiPropertyOptional({
    example: 'Occupied',
    description: "OCPP 2.0.1 only: the charger's own status word (status is its 1.6 equivalent)",
  })
  ocppStatus?: string;
  @ApiProperty({ example: 'NoError' }) errorCode!: string;
  @ApiProperty({ example: 7200, description: 'W' }) powerW!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1530,
    description: 'Wh delivered in the current transaction; null without one',
  })
  energyWh!: number | null;
  @ApiProperty({ type: TransactionSnapshotDto, nullable: true })
  transaction!: TransactionSnapshotDto | null;
}

export class ChargePointSnapshotDto {
  @ApiProperty({ example: 'CP_BKK_001' }) id!: string;
  @ApiProperty() online!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSeenAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ACME' }) vendor!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'X1' }) model!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1.2.3' }) firmwareVersion!: string | null;
  @ApiProperty({ example: 2 }) connectorCount!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['1.6', '2.0.1'],
    description: 'The OCPP version the charger speaks (on its last connection); null before any',
  })
  ocppVersion!: string | null;
  @ApiProperty({ type: [ConnectorSnapshotDto] }) connectors!: ConnectorSnapshotDto[];
  @ApiProperty({ example: 42, description: 'The seq of the last event published for this charger' })
  seq!: number;
}

export class RegisteredChargePointDto extends ChargePointSnapshotDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'q3Xr0c6h1N2k8bYt5mVw9aLz4sPe7uJd',
    description:
      'The password generated for a charger registered without one: shown this once, never ' +
      'again. null when a password was given, or for profile 3 (client certificate).',
  })
  password!: string | null;
}

/** PATCH /charge-points/{id}: the snapshot, and a password generated by this change, if any. */
export class UpdatedChargePointDto extends ChargePointSnapshotDto {
  @ApiPropertyOptional({
    example: 'q3Xr0c6h1N2k8bYt5mVw9aLz4sPe7uJd',
    description:
      'Only when the change generated one (leaving profile 3 without a password): shown once',
  })
  password?: string;
}

export class ChargePointPageDto {
  @ApiProperty({ type: [ChargePointSnapshotDto] }) items!: ChargePointSnapshotDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}

const CONNECTOR_STATUSES = [
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Reserved',
  'Unavailable',
  'Faulted',
  'Unknown',
];

export class ListChargePointsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  online?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: CONNECTOR_STATUSES,
    description: 'Chargers with at least one connector in this status',
  })
  @IsOptional()
  @IsIn(CONNECTOR_STATUSES)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Chargers of this owner' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Charger id prefix', example: 'CP_BKK', maxLength: 48 })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  q?: string;
}

export class UpdateChargePointDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The new owner; null: nobody (admins only)',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({
    enum: [1, 2, 3],
    description:
      'OCPP security profile: 1 Basic auth (plain or TLS), 2 Basic auth over TLS only, 3 a TLS ' +
      'client certificate whose subject CN is the id (the password is dropped)',
  })
  @IsOptional()
  @IsIn([1, 2, 3], { message: 'securityProfile must be 1, 2 or 3' })
  securityProfile?: 1 | 2 | 3;

  @ApiPropertyOptional({
    minLength: 16,
    maxLength: 40,
    description:
      "The charger's new HTTP Basic password (profiles 1 and 2), from its next connection on. " +
      'A charger leaving profile 3 without one gets a generated one, returned once.',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(40)
  password?: string;
}
