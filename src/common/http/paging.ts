import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError } from '../errors/domain-error.js';

// Contract section 7: lists are paged with `?limit=` (default 50, at most 500) and an opaque
// `?cursor=`, and answer `{ items, nextCursor }`. A cursor is the sort key of the last item
// returned (keyset paging): stable while rows are added, and as fast on page 100 as on page 1.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Extend this in a route's query DTO; unknown query parameters stay a 400. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The sort key of an item, as plain JSON values (a date as its ISO string, an id, ...). */
export type CursorKey = ReadonlyArray<string | number | null>;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds; a cursor this server did not make is a 400. */
export function decodeCursor(cursor: string, length: number): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    )
      return key as CursorKey;
  } catch {
    // falls through
  }
  throw new InvalidInputError('cursor: not a cursor this server gave out');
}

/**
 * A page from `limit + 1` rows fetched in order: the extra row only tells that there is more.
 * `keyOf` gives the cursor of the last item returned.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => CursorKey,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map(map),
    nextCursor: more ? encodeCursor(keyOf(kept[kept.length - 1])) : null,
  };
}
