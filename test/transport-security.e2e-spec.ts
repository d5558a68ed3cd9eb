import { createHash } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { createApp } from '../src/bootstrap.js';
import { hashPassword } from '../src/common/crypto/password-hash.js';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { makeCertificates, type Certificates } from './helpers/certificates.js';
import { handshakeStatus } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';

// Contract section 9: HTTPS and wss:// on the one port, and each charger's security profile
// enforced at the handshake, with real certificates made for the test.

const dialects = await testDialects();
const PASSWORD = 'profile-two-password';

const basicAuth = (id: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`,
});

/** A wss:// handshake with these TLS options: the HTTP status it was refused with, or 101. */
function tlsHandshake(url: string, options: WebSocket.ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['ocpp1.6'], options);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('handshake timed out'));
    }, 5000);
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(101);
      ws.close();
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The SHA-256 of the certificate the server shows now. */
function servedFingerprint(port: number, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(createHash('sha256').update(raw).digest('hex'));
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('TLS connect timed out')));
    socket.once('error', reject);
  });
}

function httpsStatus(url: string, ca: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy(new Error('request timed out')));
    req.once('error', reject);
    req.end();
  });
}

describe.each(dialects)('transport security (%s)', (dialect) => {
  describe('with TLS and client certificates', () => {
    let t: TestApp;
    let certs: Certificates;
    const url = (id: string) => `${t.wsUrl}/ocpp/${id}`;

    beforeAll(async () => {
      certs = makeCertificates();
      t = await startApp(dialect, {
        TLS_CERT_FILE: certs.certFile,
        TLS_KEY_FILE: certs.keyFile,
        TLS_CLIENT_CA_FILE: certs.caFile,
        TLS_RELOAD_CHECK_S: '1',
      });
      const passwordHash = await hashPassword(PASSWORD);
      await t.dataSource.manager.insert(ChargePointEntity, [
        { id: 'CP_P1', passwordHash, securityProfile: 1 },
        { id: 'CP_P2', passwordHash, securityProfile: 2 },
        { id: 'CP_P3', passwordHash: null, securityProfile: 3 },
      ]);
    });
    afterAll(async () => {
      await t.close();
      certs.remove();
    });

    it('serves REST over HTTPS', async () => {
      expect(t.httpUrl.startsWith('https://')).toBe(true);
      await expect(httpsStatus(`${t.httpUrl}/health/live`, certs.ca)).resolves.toBe(200);
    });

    it('accepts profile 1 and 2 chargers with Basic auth over wss://, and refuses a wrong one', async () => {
      for (const id of ['CP_P1', 'CP_P2']) {
        await expect(
          tlsHandshake(url(id), { ca: certs.ca, headers: basicAuth(id, PASSWORD) }),
        ).resolves.toBe(101);
        await expect(
          tlsHandshake(url(id), { ca: certs.ca, headers: basicAuth(id, 'wrong-password-xx') }),
        ).resolves.toBe(401);
      }
    });

    it('accepts a profile 3 charger whose client certificate names it, without a password', async () => {
      const { cert, key } = certs.client('CP_P3');
      await expect(tlsHandshake(url('CP_P3'), { ca: certs.ca, cert, key })).resolves.toBe(101);
    });

    it('refuses a profile 3 charger without a certificate, with another id, or from another CA', async () => {
      await expect(tlsHandshake(url('CP_P3'), { ca: certs.ca })).resolves.toBe(401);
      const other = certs.client('CP_P2');
      await expect(tlsHandshake(url('CP_P3'), { ca: certs.ca, ...other })).resolves.toBe(401);
      const rogue = certs.client('CP_P3', false);
      await expect(tlsHandshake(url('CP_P3'), { ca: certs.ca, ...rogue })).resolves.toBe(401);
    });

    it('does not let a client certificate stand in for a profile 2 password', async () => {
      const { cert, key } = certs.client('CP_P2');
      await expect(tlsHandshake(url('CP_P2'), { ca: certs.ca, cert, key })).resolves.toBe(401);
    });

    it('serves a renewed certificate without a restart', async () => {
      const port = Number(new URL(t.httpUrl).port);
      const before = await servedFingerprint(port, certs.ca);
      certs.renewServer();
      // the files are checked every second; wait up to 15 s for the new one to be served
      let now = before;
      for (let i = 0; i < 60 && now === before; i++) {
        await new Promise((r) => setTimeout(r, 250));
        now = await servedFingerprint(port, certs.ca);
      }
      expect(now).not.toBe(before);
      await expect(httpsStatus(`${t.httpUrl}/health/live`, certs.ca)).resolves.toBe(200);
    });
  });

  describe('without TLS', () => {
    let t: TestApp;
    const url = (id: string) => `${t.wsUrl}/ocpp/${id}`;

    beforeAll(async () => {
      t = await startApp(dialect, { TRUST_PROXY: 'true' });
      const passwordHash = await hashPassword(PASSWORD);
      await t.dataSource.manager.insert(ChargePointEntity, [
        { id: 'CP_P1', passwordHash, securityProfile: 1 },
        { id: 'CP_P2', passwordHash, securityProfile: 2 },
        { id: 'CP_P3', passwordHash: null, securityProfile: 3 },
      ]);
    });
    afterAll(() => t.close());

    it('accepts profile 1 in plain, and refuses profiles 2 and 3 below their profile', async () => {
      await expect(
        handshakeStatus(url('CP_P1'), { headers: basicAuth('CP_P1', PASSWORD) }),
      ).resolves.toBe(101);
      await expect(
        handshakeStatus(url('CP_P2'), { headers: basicAuth('CP_P2', PASSWORD) }),
      ).resolves.toBe(401);
      await expect(handshakeStatus(url('CP_P3'))).resolves.toBe(401);
    });

    it('with TRUST_PROXY, believes the proxy that says the charger came over TLS', async () => {
      await expect(
        handshakeStatus(url('CP_P2'), {
          headers: { ...basicAuth('CP_P2', PASSWORD), 'x-forwarded-proto': 'https' },
        }),
      ).resolves.toBe(101);
      await expect(
        handshakeStatus(url('CP_P2'), {
          headers: { ...basicAuth('CP_P2', PASSWORD), 'x-forwarded-proto': 'http' },
        }),
      ).resolves.toBe(401);
    });
  });
});

it('refuses a start with only one of TLS_CERT_FILE and TLS_KEY_FILE', async () => {
  await expect(
    createApp({ env: { TLS_CERT_FILE: '/nonexistent.crt' }, logger: false }),
  ).rejects.toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
});
