import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class GetConfigurationDto implements CommandParams<'get-configuration'> {
  @ApiPropertyOptional({
    type: [String],
    example: ['MeterValueSampleInterval'],
    description: 'The keys to read; none: every key the charger has',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  keys?: string[];
}
