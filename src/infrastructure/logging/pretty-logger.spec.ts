import { PassThrough } from 'node:stream';
import { PrettyLogger } from './pretty-logger.js';

function capture(level: 'error' | 'warn' | 'info' | 'debug' = 'info') {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { logger: new PrettyLogger(level, out, false), text: () => chunks.join('') };
}

const TIME = /^\d\d:\d\d:\d\d\.\d{3} /;

describe('PrettyLogger', () => {
  it('prints an object message as its text and key=value fields, not as Object(n)', () => {
    const { logger, text } = capture();
    logger.log({ msg: 'GET /api/v1/users/me 200', requestId: 'r-1', durationMs: 1.5 }, 'HTTP');
    expect(text()).toMatch(TIME);
    expect(text()).toContain(
      'INFO  [HTTP] GET /api/v1/users/me 200 requestId=r-1 durationMs=1.5\n',
    );
    expect(text()).not.toMatch(/Object\(/);
  });

  it('quotes values with spaces and prints an error stack on the lines after', () => {
    const { logger, text } = capture();
    logger.error({ msg: 'failed', reason: 'two words' }, 'Error: boom\n    at x', 'Main');
    expect(text()).toContain('ERROR [Main] failed reason="two words"\nError: boom\n    at x\n');
  });

  it("keeps Nest's start-up chatter for LOG_LEVEL=debug", () => {
    const quiet = capture('info');
    quiet.logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(quiet.text()).toBe('');
    const verbose = capture('debug');
    verbose.logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(verbose.text()).toContain('[InstanceLoader] AppModule dependencies initialized');
  });

  it('leaves out what is below its level', () => {
    const { logger, text } = capture('warn');
    logger.log('hello', 'Main');
    logger.debug('details', 'Main');
    logger.warn('careful', 'Main');
    expect(text()).not.toContain('hello');
    expect(text()).not.toContain('details');
    expect(text()).toContain('WARN  [Main] careful');
  });
});
