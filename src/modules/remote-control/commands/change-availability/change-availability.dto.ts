import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class ChangeAvailabilityDto implements CommandParams<'change-availability'> {
  @ApiProperty({ minimum: 0, maximum: 100, example: 1, description: '0: the whole charger' })
  @IsInt()
  @Min(0)
  @Max(100)
  connectorId!: number;

  @ApiProperty({ enum: ['Operative', 'Inoperative'] })
  @IsIn(['Operative', 'Inoperative'])
  type!: 'Operative' | 'Inoperative';
}
