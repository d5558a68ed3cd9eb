import type {
  ChargerCommandName,
  ChargerCommandParams,
  ConfigurationEntry,
} from '../../../common/contracts/charger-commands.js';

/** How one version of OCPP carries one of Voltline's commands. */
export interface OutboundCommand<N extends ChargerCommandName = ChargerCommandName> {
  /** The OCPP action of the CALL. */
  readonly action: string;
  /** The CALL's payload, from the command's parameters. */
  request(params: ChargerCommandParams[N]): unknown;
  /** The charger's answer in Voltline's words (its payload is valid against the schema). */
  status(response: never): string;
  configuration?(response: never): ConfigurationEntry[];
}

/** Every command, for one OCPP version (a protocol edge registers one such table). */
export type OutboundCommands = { readonly [N in ChargerCommandName]: OutboundCommand<N> };
