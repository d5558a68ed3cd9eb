import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class DataTransferDto implements CommandParams<'data-transfer'> {
  @ApiProperty({ example: 'com.acme', maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  vendorId!: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  messageId?: string;

  @ApiPropertyOptional({ description: 'Vendor-specific text' })
  @IsOptional()
  @IsString()
  @MaxLength(60_000)
  data?: string;
}
