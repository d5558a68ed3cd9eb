import {
  chargerId,
  OptionsError,
  parseCommandLine,
  resolveOptions,
  type SimulatorOptions,
} from './options.js';
import { planTiming } from './session-plan.js';

/** The options of a command line that must parse. */
function parsed(args: string, env: NodeJS.ProcessEnv = {}): SimulatorOptions {
  const command = parseCommandLine(args.split(' ').filter(Boolean), env);
  if (command.help) throw new Error('expected options, got --help');
  return command.options;
}

function refusal(args: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseCommandLine(args.split(' ').filter(Boolean), env);
  } catch (err) {
    expect(err).toBeInstanceOf(OptionsError);
    return (err as Error).message;
  }
  throw new Error(`"${args}" was accepted`);
}

describe('parseCommandLine', () => {
  it('reads the command line of the issue', () => {
    const o = parsed('--url ws://127.0.0.1:3000 --chargers 50 --duration 60');

    expect(o).toMatchObject({
      url: 'ws://127.0.0.1:3000',
      api: 'http://127.0.0.1:3000',
      chargers: 50,
      durationS: 60,
      connectors: 2,
      prefix: 'SIM_',
      rampS: 5,
      meterIntervalS: 10,
      sessionMinutes: 4,
      faultRate: 0,
      reconnectRate: 0,
      register: false,
      adminUser: 'admin',
    });
    expect(o.password).toBeUndefined();
    expect(Number.isInteger(o.seed)).toBe(true);
  });

  it('speaks OCPP 1.6 unless --ocpp says 2.0.1 or mixed, and refuses any other version', () => {
    expect(parsed('').ocpp).toBe('1.6');
    expect(parsed('--ocpp 2.0.1').ocpp).toBe('2.0.1');
    expect(parsed('--ocpp mixed').ocpp).toBe('mixed');
    expect(refusal('--ocpp 2.1')).toMatch(/--ocpp must be one of 1.6, 2.0.1, mixed/);
  });

  it('takes every option', () => {
    const o = parsed(
      '--url wss://csms.example/ --connectors 3 --prefix LOAD- --password abcdefghijklmnop' +
        ' --ramp 2.5 --meter-interval 0.5 --session-minutes 1.5 --fault-rate 2 --reconnect-rate 4' +
        ' --seed 7 --register --admin-user root --admin-password pw' +
        ' --owner 0b7f0d55-3f9b-4a53-9d5e-8f2d61b3c0aa',
    );

    expect(o).toMatchObject({
      url: 'wss://csms.example',
      api: 'https://csms.example',
      connectors: 3,
      prefix: 'LOAD-',
      password: 'abcdefghijklmnop',
      rampS: 2.5,
      meterIntervalS: 0.5,
      sessionMinutes: 1.5,
      faultRate: 2,
      reconnectRate: 4,
      seed: 7,
      register: true,
      adminUser: 'root',
      adminPassword: 'pw',
      owner: '0b7f0d55-3f9b-4a53-9d5e-8f2d61b3c0aa',
    });
  });

  it('answers --help and -h', () => {
    expect(parseCommandLine(['--help'])).toEqual({ help: true });
    expect(parseCommandLine(['-h', '--chargers', 'nonsense'])).toEqual({ help: true });
  });

  it('takes the admin password from SIMULATOR_ADMIN_PASSWORD, the flag first', () => {
    const env = { SIMULATOR_ADMIN_PASSWORD: 'from-env' };

    expect(parsed('--register', env).adminPassword).toBe('from-env');
    expect(parsed('--register --admin-password flag', env).adminPassword).toBe('flag');
  });

  it.each([
    ['--chargers 0', '--chargers must be an integer from 1 to 10000 (got 0)'],
    ['--chargers 2.5', '--chargers must be an integer (got 2.5)'],
    ['--chargers many', '--chargers must be a number (got "many")'],
    ['--chargers -3', "--chargers' argument is ambiguous"],
    ['--duration 0', '--duration must be a number from 1 to 604800 (got 0)'],
    ['--connectors 21', '--connectors must be an integer from 1 to 20 (got 21)'],
    ['--meter-interval 0.1', '--meter-interval must be a number from 0.5 to 3600'],
    ['--duration 10 --ramp 11', '--ramp (11) must not be longer than --duration'],
    [
      '--url http://127.0.0.1:3000',
      '--url must start with ws:// or wss:// (got "http://127.0.0.1:3000")',
    ],
    ['--url nowhere', '--url is not a URL (got "nowhere")'],
    ['--url ws://h/?x=1', '--url must not have a query or fragment'],
    ['--api ws://h', '--api must start with http:// or https://'],
    ['--prefix a/b', '--prefix may only hold letters, digits and * - _ = + | @ .'],
    [`--prefix ${'P'.repeat(45)}`, '--prefix is too long: ids like'],
    ['--register', '--register needs --admin-password'],
    ['--owner 0b7f0d55-3f9b-4a53-9d5e-8f2d61b3c0aa', '--owner needs --register'],
    ['--register --admin-password x --owner bob', '--owner must be a user id (a UUID; got "bob")'],
    ['--register --admin-password x --password short', '--password must be 16 to 40 characters'],
    ['--frobnicate', "Unknown option '--frobnicate'"],
    ['--chargers', "Option '--chargers <value>' argument missing"],
    ['fifty', "Unexpected argument 'fifty'"],
  ])('refuses %s', (args, message) => {
    expect(refusal(args)).toContain(message);
  });
});

describe('resolveOptions', () => {
  it('keeps the ramp within half of a short run unless asked otherwise', () => {
    expect(resolveOptions({ durationS: 6 }).rampS).toBe(3);
    expect(resolveOptions({ durationS: 600 }).rampS).toBe(5);
    expect(resolveOptions({ durationS: 6, rampS: 6 }).rampS).toBe(6);
  });

  it('takes a URL that names the /ocpp endpoint and finds the API beside it', () => {
    expect(resolveOptions({ url: 'ws://10.0.0.5:3000/ocpp' }).api).toBe('http://10.0.0.5:3000');
  });
});

describe('chargerId', () => {
  it('pads the index to four digits, more for a larger fleet', () => {
    expect(chargerId('SIM_', 1, 50)).toBe('SIM_0001');
    expect(chargerId('SIM_', 10_000, 10_000)).toBe('SIM_10000');
    expect(chargerId('SIM_', 7, 10_000)).toBe('SIM_00007');
  });
});

describe('planTiming', () => {
  it('keeps the sessions of a long run as asked', () => {
    expect(planTiming({ durationS: 3600, sessionMinutes: 4 })).toMatchObject({
      sessionMeanS: 240,
      idleMeanS: 120,
      rampS: 20,
    });
  });

  it('shortens the sessions of a short run to a third of it, and the rest with them', () => {
    expect(planTiming({ durationS: 60, sessionMinutes: 4 })).toMatchObject({
      sessionMeanS: 20,
      idleMeanS: 10,
      rampS: 4,
      finishingS: 2,
    });
  });

  it('never plans a session under a second', () => {
    expect(planTiming({ durationS: 1, sessionMinutes: 0.01 }).sessionMeanS).toBe(1);
  });
});
