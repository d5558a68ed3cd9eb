import { LogSampler } from './log-sampler.js';

describe('LogSampler', () => {
  it('admits the first of each window per key and counts what it left out', () => {
    const s = new LogSampler(1000, 10);
    expect(s.admit('a', 0)).toBe(0);
    expect(s.admit('a', 10)).toBeNull();
    expect(s.admit('a', 20)).toBeNull();
    expect(s.admit('b', 30)).toBe(0);
    expect(s.admit('a', 1000)).toBe(2);
  });

  it('keeps at most maxKeys keys', () => {
    const s = new LogSampler(1000, 2);
    s.admit('a', 0);
    s.admit('b', 0);
    s.admit('c', 0);
    // 'a' was forgotten: admitted again inside its window
    expect(s.admit('a', 1)).toBe(0);
  });
});
