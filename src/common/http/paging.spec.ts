import { decodeCursor, encodeCursor, toPage } from './paging.js';

describe('paging', () => {
  it('gives back the key a cursor was made from', () => {
    const key = ['2026-11-25T10:00:00.000Z', 17, null];

    expect(decodeCursor(encodeCursor(key), 3)).toEqual(key);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['JSON that is not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['a key of another length', encodeCursor(['a'])],
    ['a key with an object in it', Buffer.from('[{"a":1},2]').toString('base64url')],
  ])('refuses %s with an invalid_input error', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('answers limit items and a cursor at the last of them when a further row exists', () => {
    const page = toPage(
      [1, 2, 3],
      2,
      (n) => [n],
      (n) => n * 10,
    );

    expect(page.items).toEqual([10, 20]);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual([2]);
  });

  it('answers no cursor on the last page', () => {
    expect(
      toPage(
        [1, 2],
        2,
        (n) => [n],
        (n) => n,
      ),
    ).toEqual({ items: [1, 2], nextCursor: null });
  });
});
