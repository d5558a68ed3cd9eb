import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class ChangeConfigurationDto implements CommandParams<'change-configuration'> {
  @ApiProperty({
    example: 'MeterValueSampleInterval',
    maxLength: 50,
    description: 'MeterValueSampleInterval sets how often a charger reports meter values (s)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  key!: string;

  @ApiProperty({ example: '10', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  value!: string;
}
