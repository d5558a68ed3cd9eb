import { formatPosition, parsePosition } from './stream-position.js';

describe('SSE stream position (Last-Event-ID)', () => {
  it('round-trips every charger and seq', () => {
    const position = new Map([
      ['CP_A', 42],
      ['cp.b@x|y=z+*-', 0],
    ]);
    expect(parsePosition(formatPosition(position), 10)).toEqual(position);
  });

  it('leaves out what cannot be read, keeps the rest', () => {
    expect(parsePosition('CP_A:1,nocolon,CP_B:-1,CP_C:x,bad id:3,CP_D:7', 10)).toEqual(
      new Map([
        ['CP_A', 1],
        ['CP_D', 7],
      ]),
    );
  });

  it('reads nothing from no header, and at most `max` chargers', () => {
    expect(parsePosition(undefined, 10).size).toBe(0);
    expect(parsePosition('A:1,B:2,C:3', 2)).toEqual(
      new Map([
        ['A', 1],
        ['B', 2],
      ]),
    );
  });
});
