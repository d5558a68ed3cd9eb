import { Command } from '@nestjs/cqrs';

export type ChargePointAuthResult =
  | 'accepted'
  | 'unknown'
  | 'bad_credentials'
  /** the connection is below the charger's security profile (no TLS, no certificate) */
  | 'below_profile';

/** How the charger reached us: over TLS, and with which client certificate. */
export interface ChargePointConnectionFacts {
  secure: boolean;
  clientCertificateCn: string | undefined;
}

/**
 * Decides a charger's handshake against its security profile: 1 its password (Basic auth),
 * 2 the same over TLS, 3 a client certificate whose CN is its id.
 */
export class AuthenticateChargePointCommand extends Command<ChargePointAuthResult> {
  constructor(
    readonly chargePointId: string,
    readonly password: Buffer | undefined,
    readonly registerUnknown: boolean,
    readonly connection: ChargePointConnectionFacts = {
      secure: false,
      clientCertificateCn: undefined,
    },
  ) {
    super();
  }
}
