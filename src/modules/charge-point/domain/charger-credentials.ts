// How a charger authenticates its connection: its security profile (1 its password over Basic
// auth, 2 the same over TLS, 3 a client certificate whose CN is its id) and its password's hash.
export interface ChargerCredentials {
  securityProfile: 1 | 2 | 3;
  passwordHash: string | null;
}

// The port the handshake and the security settings depend on. Behind it the lookups (and the
// first-connect registrations) of a reconnect storm's handshakes become one statement each.
export abstract class ChargerCredentialsRepository {
  /** null when there is no such charger */
  abstract find(chargePointId: string): Promise<ChargerCredentials | null>;
  /** registers a charger that connected unknown, with no owner and no password */
  abstract registerUnknown(chargePointId: string): Promise<void>;
  /** applies from its next connection */
  abstract save(chargePointId: string, credentials: ChargerCredentials): Promise<void>;
}
