import type {
  ChargerCommandName,
  ChargerCommandParams,
  ConfigurationEntry,
} from '../../../common/contracts/charger-commands.js';

/** What a mapping may look up while it builds its CALL. */
export interface OutboundContext {
  readonly chargePointId: string;
  /** The charger's own id of one of Voltline's transactions (OCPP 2.0.1), null if none. */
  ocppTransactionId(transactionId: number): Promise<string | null>;
}

/** How one version of OCPP carries one of Voltline's commands. */
export interface OutboundCommand<N extends ChargerCommandName = ChargerCommandName> {
  /** The OCPP action of the CALL. */
  readonly action: string;
  /** The CALL's payload, from the command's parameters (a DomainError: nothing is sent). */
  request(params: ChargerCommandParams[N], context: OutboundContext): unknown;
  /** The charger's answer in Voltline's words (its payload is valid against the schema). */
  status(response: never): string;
  configuration?(response: never, params: ChargerCommandParams[N]): ConfigurationEntry[];
}

/** Every command, for one OCPP version (a protocol edge registers one such table). */
export type OutboundCommands = { readonly [N in ChargerCommandName]: OutboundCommand<N> };
