import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Real certificates for the TLS tests, made by openssl in a temporary folder: a CA that signs
// the server's certificate (for 127.0.0.1) and chargers' client certificates, and a second CA
// that the server does not trust.

export interface Certificates {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  ca: Buffer;
  /** a client certificate (and its key) with this subject CN, signed by the trusted CA or not */
  client(cn: string, trusted?: boolean): { cert: Buffer; key: Buffer };
  /** writes a new server certificate (new key, new serial) over the files the server reads */
  renewServer(): void;
  remove(): void;
}

const openssl = (cwd: string, ...args: string[]) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

function makeCa(dir: string, name: string): void {
  openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
  );
}

function signed(dir: string, ca: string, name: string, cn: string, serverExt: boolean): void {
  openssl(
    dir,
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${cn}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
  );
  const ext = `${name}.ext`;
  writeFileSync(
    join(dir, ext),
    serverExt
      ? 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
      : 'extendedKeyUsage=clientAuth\n',
  );
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    `0x${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`,
    '-days',
    '2',
    '-extfile',
    ext,
    '-out',
    `${name}.crt`,
  );
}

export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'voltline-tls-'));
  makeCa(dir, 'ca');
  makeCa(dir, 'rogue-ca');
  signed(dir, 'ca', 'server', 'localhost', true);
  let n = 0;
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    certFile: join(dir, 'server.crt'),
    keyFile: join(dir, 'server.key'),
    ca: readFileSync(join(dir, 'ca.crt')),
    client(cn, trusted = true) {
      const name = `client-${n++}`;
      signed(dir, trusted ? 'ca' : 'rogue-ca', name, cn, false);
      return {
        cert: readFileSync(join(dir, `${name}.crt`)),
        key: readFileSync(join(dir, `${name}.key`)),
      };
    },
    renewServer() {
      // made aside, then written over the served pair (key first: the pair loads as one)
      signed(dir, 'ca', 'server-next', 'localhost', true);
      writeFileSync(join(dir, 'server.key'), readFileSync(join(dir, 'server-next.key')));
      writeFileSync(join(dir, 'server.crt'), readFileSync(join(dir, 'server-next.crt')));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
