import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { CommandParams } from '../../../../common/contracts/charger-commands.js';

export class StartTransactionDto implements CommandParams<'start-transaction'> {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'none: the charger chooses' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  connectorId?: number;

  @ApiProperty({
    example: 'TAG1',
    maxLength: 36,
    description: 'The id tag to charge with (OCPP 1.6 chargers take 20 characters at most)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(36)
  idTag!: string;
}
