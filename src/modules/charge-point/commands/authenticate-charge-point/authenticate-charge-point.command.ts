import { Command } from '@nestjs/cqrs';

export type ChargePointAuthResult = 'accepted' | 'unknown' | 'bad_credentials';

/** Decides a charger's handshake: its password (Basic auth) against the stored hash. */
export class AuthenticateChargePointCommand extends Command<ChargePointAuthResult> {
  constructor(
    readonly chargePointId: string,
    readonly password: Buffer | undefined,
    readonly registerUnknown: boolean,
  ) {
    super();
  }
}
