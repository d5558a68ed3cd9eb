import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/http/paging.js';
import type { StoredIdTagStatus } from '../persistence/id-tag.entity.js';

/** An id tag: 1 to 36 printable ASCII characters (an OCPP 1.6 idTag is at most 20). */
export const ID_TAG_PATTERN = /^[\x21-\x7E]{1,36}$/;
const ID_TAG_MESSAGE = 'must be 1 to 36 printable ASCII characters without spaces';
const STATUSES: StoredIdTagStatus[] = ['Accepted', 'Blocked'];

export class IdTagDto {
  @ApiProperty({ example: '04A2B3C4D5' }) idTag!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: StoredIdTagStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'FLEET-ACME' }) parentIdTag!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class IdTagPageDto {
  @ApiProperty({ type: [IdTagDto] }) items!: IdTagDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}

export class UpdateIdTagDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who holds it; null: nobody',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  userId?: string | null;

  @ApiPropertyOptional({ enum: STATUSES, default: 'Accepted' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: StoredIdTagStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2027-12-31T23:59:59.000Z',
    description: 'After it, the tag is answered Expired; null: never',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'FLEET-ACME' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ID_TAG_PATTERN, { message: `parentIdTag ${ID_TAG_MESSAGE}` })
  parentIdTag?: string | null;
}

export class CreateIdTagDto extends UpdateIdTagDto {
  @ApiProperty({ example: '04A2B3C4D5', pattern: ID_TAG_PATTERN.source })
  @Matches(ID_TAG_PATTERN, { message: `idTag ${ID_TAG_MESSAGE}` })
  idTag!: string;
}

export class ListIdTagsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the tags of this user' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}
