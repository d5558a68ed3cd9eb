import { Command } from '@nestjs/cqrs';
import type {
  ChargerCommandName,
  ChargerCommandParams,
} from '../../../common/contracts/charger-commands.js';

export interface CommandOutcome {
  commandId: string;
  command: ChargerCommandName;
  status: string;
  response: unknown;
}

/** Sends a command to a charger on behalf of a user who may operate it (checked at the edge). */
export class SendCommandCommand<
  N extends ChargerCommandName = ChargerCommandName,
> extends Command<CommandOutcome> {
  constructor(
    readonly chargePointId: string,
    readonly command: N,
    readonly params: ChargerCommandParams[N],
    readonly requestedBy: string,
  ) {
    super();
  }
}
