import { ApiProperty } from '@nestjs/swagger';

export class CommandResultDto {
  @ApiProperty({ format: 'uuid' }) commandId!: string;
  @ApiProperty({ example: 'reset' }) command!: string;
  @ApiProperty({
    example: 'Accepted',
    description: "The charger's own answer: Accepted, Rejected, Unlocked, Scheduled, ...",
  })
  status!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The charger's whole CALLRESULT payload",
  })
  response!: unknown;
}

export class CommandRecordDto {
  @ApiProperty({ format: 'uuid' }) commandId!: string;
  @ApiProperty({ example: 'start-transaction' }) command!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The body it was sent with (idTag null for those who may not see it)',
  })
  params!: Record<string, unknown>;
  @ApiProperty({
    example: 'Accepted',
    description:
      "Pending until it ends; then the charger's answer, or Timeout, CallError, Disconnected " +
      '(the charger went away before answering), Offline (nothing sent), Busy (its queue was ' +
      "full), Invalid (not valid for the charger's OCPP version: nothing sent)",
  })
  status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  response!: unknown;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The CALLERROR code, or why it failed',
  })
  error!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The user who sent it' }) requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class CommandPageDto {
  @ApiProperty({ type: [CommandRecordDto] }) items!: CommandRecordDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ConfigurationSettingDto {
  @ApiProperty({ example: 'MeterValueSampleInterval' }) key!: string;
  @ApiProperty({ type: String, nullable: true, example: '60' }) value!: string | null;
  @ApiProperty() readonly!: boolean;
}

export class ConfigurationDto {
  @ApiProperty({ type: [ConfigurationSettingDto] }) items!: ConfigurationSettingDto[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the charger last told any of these; null: never read',
  })
  readAt!: string | null;
}
