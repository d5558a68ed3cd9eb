import { readFileSync, statSync, unwatchFile, watchFile } from 'node:fs';
import type { Server as HttpsServer } from 'node:https';
import { Logger } from '@nestjs/common';
import type { TlsConfig } from '../../config/index.js';

const logger = new Logger('Tls');

/** The HTTPS options of the one port, read from the files TLS_* name. */
export function tlsServerOptions(tls: TlsConfig) {
  return {
    ...secureContextOf(tls),
    // a client certificate is asked for but not required: REST clients and profile 1/2 chargers
    // have none; the OCPP handshake checks it for profile 3 chargers
    requestCert: !!tls.clientCaFile,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2' as const,
  };
}

function secureContextOf(tls: TlsConfig) {
  return {
    cert: readFileSync(tls.certFile),
    key: readFileSync(tls.keyFile),
    ...(tls.clientCaFile ? { ca: readFileSync(tls.clientCaFile) } : {}),
  };
}

// Certificates are renewed in place (certbot, cert-manager): the files are checked every
// TLS_RELOAD_CHECK_S and a change is loaded for new connections, without a restart. A pair that
// does not load (written half-way, key and certificate not matching) keeps the old one.
export function reloadOnChange(server: HttpsServer, tls: TlsConfig): () => void {
  const files = [tls.certFile, tls.keyFile, ...(tls.clientCaFile ? [tls.clientCaFile] : [])];
  const stamp = () => files.map((f) => statSafe(f)).join('|');
  let last = stamp();
  const check = () => {
    const now = stamp();
    if (now === last) return;
    try {
      server.setSecureContext({ ...tlsServerOptions(tls) });
      last = now;
      logger.log('TLS certificate reloaded');
    } catch (err) {
      logger.warn(`TLS files changed but could not be loaded: ${(err as Error).message}`);
    }
  };
  for (const f of files) watchFile(f, { interval: tls.reloadCheckMs, persistent: false }, check);
  return () => files.forEach((f) => unwatchFile(f, check));
}

function statSafe(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'missing';
  }
}
