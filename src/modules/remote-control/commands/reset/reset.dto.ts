import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class ResetDto implements CommandParams<'reset'> {
  @ApiProperty({ enum: ['Soft', 'Hard'], description: 'Soft: restart the software; Hard: reboot' })
  @IsIn(['Soft', 'Hard'])
  type!: 'Soft' | 'Hard';
}
