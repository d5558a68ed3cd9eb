import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class UnlockConnectorDto implements CommandParams<'unlock-connector'> {
  @ApiProperty({ minimum: 1, maximum: 100, example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  connectorId!: number;
}
