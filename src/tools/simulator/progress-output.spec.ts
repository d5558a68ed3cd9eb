import { progressOutput } from './progress-output.js';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return {
    out: { isTTY, write: (s: string) => written.push(s) > 0 },
    text: () => written.join(''),
  };
}

describe('progressOutput', () => {
  it('rewrites one status line on a terminal, with notes above it', () => {
    const { out, text } = sink(true);
    const p = progressOutput(out);
    p.update('1 s: 10 connected');
    p.update('2 s: 20 connected');
    p.note('SIM_0003 refused: 404');
    p.update('3 s: 19 connected');
    p.done();
    expect(text()).toBe(
      '1 s: 10 connected' +
        '\r\x1b[2K2 s: 20 connected' +
        '\r\x1b[2KSIM_0003 refused: 404\n' +
        '3 s: 19 connected\n',
    );
  });

  it('prints a line every 10 s in a pipe, and every note', () => {
    const { out, text } = sink(false);
    let t = 0;
    const p = progressOutput(out, { now: () => t });
    for (t = 0; t <= 25_000; t += 1000) p.update(`${t / 1000} s`);
    p.note('a note');
    p.done();
    expect(text()).toBe('0 s\n10 s\n20 s\na note\n');
  });
});
