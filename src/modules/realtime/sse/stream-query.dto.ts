import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CHARGE_POINT_ID_PATTERN } from '../../../common/contracts/charge-point-id.js';

export class StreamQueryDto {
  @ApiPropertyOptional({
    type: [String],
    description:
      'A charger to follow; repeat for several. The user’s remembered subscriptions are ' +
      'followed too.',
    example: ['CP_BKK_001'],
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @IsArray()
  @IsString({ each: true })
  @Matches(CHARGE_POINT_ID_PATTERN, {
    each: true,
    message: 'chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .',
  })
  chargePointId?: string[];

  @ApiPropertyOptional({
    description: 'The JWT, for clients that cannot send an Authorization header (EventSource)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  access_token?: string;
}
