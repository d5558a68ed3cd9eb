import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class StopTransactionDto implements CommandParams<'stop-transaction'> {
  @ApiProperty({ minimum: 1, example: 17, description: "Voltline's transaction id" })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  transactionId!: number;
}
