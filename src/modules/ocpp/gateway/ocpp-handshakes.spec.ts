import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { aGatewayConfig, RecordingBus } from '../../../../test/helpers/ocpp-gateway-fakes.js';
import { AuthenticateChargePointCommand } from '../../charge-point/index.js';
import type { OcppHandshake, OcppTransport } from '../transport/ocpp-transport.js';
import { OcppHandshakes } from './ocpp-handshakes.js';

function aHandshake(overrides: Partial<OcppHandshake> = {}): OcppHandshake {
  return {
    chargePointId: 'CP_BKK_001',
    protocols: new Set(['ocpp1.6']),
    password: Buffer.from('secret-password'),
    remoteAddress: '203.0.113.7',
    secure: false,
    clientCertificateCn: undefined,
    ...overrides,
  };
}

class FakeTransport {
  readonly protocols = ['ocpp2.0.1', 'ocpp1.6'] as const;
  readonly upgrades: unknown[][] = [];
  handleUpgrade(...args: unknown[]): void {
    this.upgrades.push(args);
  }
  get port(): OcppTransport {
    return this as unknown as OcppTransport;
  }
}

class FakeSocket {
  writable = true;
  written = '';
  destroyed = false;
  write(text: string): boolean {
    this.written += text;
    return true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  get duplex(): Duplex {
    return this as unknown as Duplex;
  }
}

describe('OcppHandshakes', () => {
  let transport: FakeTransport;
  let warn: jest.SpiedFunction<Logger['warn']>;

  /** `results` by chargePointId: what the charge-point module answers (default accepted) */
  function handshakes(results: Record<string, string> = {}, failuresPerMin = 5) {
    const bus = new RecordingBus(
      (c) => results[(c as AuthenticateChargePointCommand).chargePointId] ?? 'accepted',
    );
    const config = aGatewayConfig({
      allowUnknownChargers: true,
      handshakeFailuresPerMin: failuresPerMin,
    });
    return { bus, handshakes: new OcppHandshakes(transport.port, bus.commandBus, config) };
  }

  beforeEach(() => {
    transport = new FakeTransport();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('accepts with our preferred sub-protocol among those offered, after asking the module', async () => {
    const { bus, handshakes: h } = handshakes();

    const decision = await h.decide(
      aHandshake({
        protocols: new Set(['ocpp1.6', 'ocpp2.0.1']),
        secure: true,
        clientCertificateCn: 'CP_BKK_001',
      }),
    );

    expect(decision).toEqual({ accept: true, protocol: 'ocpp2.0.1' });
    expect(bus.of(AuthenticateChargePointCommand)).toEqual([
      expect.objectContaining({
        chargePointId: 'CP_BKK_001',
        password: Buffer.from('secret-password'),
        registerUnknown: true,
        connection: { secure: true, clientCertificateCn: 'CP_BKK_001' },
      }),
    ]);
  });

  it('refuses 400 a charger that offers no sub-protocol we speak, without asking', async () => {
    const { bus, handshakes: h } = handshakes();

    await expect(h.decide(aHandshake({ protocols: new Set(['ocpp1.5']) }))).resolves.toEqual({
      accept: false,
      status: 400,
      message: 'Unsupported subprotocol',
    });
    expect(bus.sent).toHaveLength(0);
  });

  it('refuses 400 an identity that is no valid chargePointId', async () => {
    const { bus, handshakes: h } = handshakes();

    await expect(h.decide(aHandshake({ chargePointId: '' }))).resolves.toMatchObject({
      accept: false,
      status: 400,
    });
    expect(bus.sent).toHaveLength(0);
  });

  it('refuses 404 an unknown charger and 401 bad credentials or a connection below the profile', async () => {
    const { handshakes: h } = handshakes({
      CP_UNKNOWN: 'unknown',
      CP_BAD: 'bad_credentials',
      CP_PLAIN: 'below_profile',
    });

    await expect(h.decide(aHandshake({ chargePointId: 'CP_UNKNOWN' }))).resolves.toEqual({
      accept: false,
      status: 404,
      message: 'Not Found',
    });
    await expect(h.decide(aHandshake({ chargePointId: 'CP_BAD' }))).resolves.toEqual({
      accept: false,
      status: 401,
      message: 'Unauthorized',
    });
    await expect(h.decide(aHandshake({ chargePointId: 'CP_PLAIN' }))).resolves.toMatchObject({
      status: 401,
    });
  });

  it('refuses 429 past the failures allowed, without checking the password', async () => {
    const { bus, handshakes: h } = handshakes({ CP_BKK_001: 'bad_credentials' }, 2);
    await h.decide(aHandshake());
    await h.decide(aHandshake());

    await expect(h.decide(aHandshake())).resolves.toEqual({
      accept: false,
      status: 429,
      message: 'Too Many Requests',
    });
    expect(bus.sent).toHaveLength(2);
    // the same charger from another address is not locked out by these guesses
    await expect(h.decide(aHandshake({ remoteAddress: '198.51.100.1' }))).resolves.toMatchObject({
      status: 401,
    });
  });

  it('never throttles a charger whose handshakes succeed', async () => {
    const { handshakes: h } = handshakes({}, 2);

    for (let i = 0; i < 5; i++)
      await expect(h.decide(aHandshake())).resolves.toMatchObject({ accept: true });
  });

  it('logs refused handshakes once per address and window', async () => {
    const { handshakes: h } = handshakes({ CP_BAD: 'bad_credentials' });

    for (let i = 0; i < 3; i++) await h.decide(aHandshake({ chargePointId: 'CP_BAD' }));
    await h.decide(aHandshake({ chargePointId: 'CP_BAD', remoteAddress: '198.51.100.1' }));

    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      expect.objectContaining({ msg: 'refused: bad credentials', remoteAddress: '203.0.113.7' }),
      expect.objectContaining({ remoteAddress: '198.51.100.1' }),
    ]);
  });

  it('hands an upgrade under /ocpp/{valid id} to the transport', () => {
    const { handshakes: h } = handshakes();
    const request = { url: '/ocpp/CP%2DBKK_001?x=1' } as IncomingMessage;
    const socket = new FakeSocket();
    const head = Buffer.alloc(0);

    h.onUpgrade(request, socket.duplex, head);

    expect(transport.upgrades).toEqual([[request, socket, head]]);
    expect(socket.destroyed).toBe(false);
  });

  it.each(['/ocpp/', '/ocpp/%E0%A4%A', '/ocpp/CP%20001', `/ocpp/${'C'.repeat(49)}`])(
    'refuses 400 the upgrade of %s before the transport sees it',
    (url) => {
      const { handshakes: h } = handshakes();
      const socket = new FakeSocket();

      h.onUpgrade({ url } as IncomingMessage, socket.duplex, Buffer.alloc(0));

      expect(socket.written).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(socket.destroyed).toBe(true);
      expect(transport.upgrades).toHaveLength(0);
    },
  );
});
