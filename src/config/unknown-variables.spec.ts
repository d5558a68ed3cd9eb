import { editDistance, unknownVariableWarnings } from './unknown-variables.js';

describe('unknownVariableWarnings', () => {
  it('names the closest known variable of a misspelt one', () => {
    expect(unknownVariableWarnings({ PROT: '3001' })).toEqual([
      'PROT is not a Voltline setting and is ignored: did you mean PORT?',
    ]);
    expect(unknownVariableWarnings({ OCPP_ALLOW_UNKOWN_CHARGERS: 'true' })).toEqual([
      'OCPP_ALLOW_UNKOWN_CHARGERS is not a Voltline setting and is ignored: did you mean OCPP_ALLOW_UNKNOWN_CHARGERS?',
    ]);
  });

  it('reads a VOLTLINE_ prefix as a guess at a known name', () => {
    expect(unknownVariableWarnings({ VOLTLINE_LOG_LEVEL: 'debug' })).toEqual([
      'VOLTLINE_LOG_LEVEL is not a Voltline setting and is ignored: did you mean LOG_LEVEL?',
    ]);
  });

  it('warns about an unknown variable with one of our prefixes even with nothing close', () => {
    expect(unknownVariableWarnings({ REALTIME_TURBO_MODE: '1' })).toEqual([
      'REALTIME_TURBO_MODE is not a Voltline setting and is ignored (docs/configuration.md lists them)',
    ]);
  });

  it('leaves known variables and the rest of the environment alone', () => {
    expect(
      unknownVariableWarnings({
        PORT: '3000',
        OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
        LOG_FORMAT: 'pretty',
        VOLTLINE_PORT: '8080',
        HOME: '/root',
        PATH: '/usr/bin',
        NODE_OPTIONS: '--max-old-space-size=512',
        TERM: 'xterm',
        PWD: '/work',
        USER: 'root',
        POSTGRES_PASSWORD: 'x',
      }),
    ).toEqual([]);
  });
});

describe('editDistance', () => {
  it.each([
    ['PORT', 'PORT', 0],
    ['PROT', 'PORT', 1],
    ['PORTS', 'PORT', 1],
    ['HOME', 'HOST', 2],
    ['', 'ABC', 3],
  ])('%s to %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
