import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  type CommandParams,
  TRIGGERABLE_MESSAGES,
  type TriggerableMessage,
} from '../../../../common/contracts/charger-commands.js';

export class TriggerMessageDto implements CommandParams<'trigger-message'> {
  @ApiProperty({ enum: TRIGGERABLE_MESSAGES, example: 'StatusNotification' })
  @IsIn(TRIGGERABLE_MESSAGES)
  message!: TriggerableMessage;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  connectorId?: number;
}
