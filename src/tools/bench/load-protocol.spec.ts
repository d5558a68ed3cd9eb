import { sourceAddress } from './load-protocol.js';

describe('sourceAddress', () => {
  it('moves to the next loopback address every `per` chargers', () => {
    expect(sourceAddress(0, 20_000)).toBe('127.0.0.1');
    expect(sourceAddress(19_999, 20_000)).toBe('127.0.0.1');
    expect(sourceAddress(20_000, 20_000)).toBe('127.0.0.2');
    expect(sourceAddress(49_999, 20_000)).toBe('127.0.0.3');
  });
});
