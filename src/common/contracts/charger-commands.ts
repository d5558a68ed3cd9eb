import { Command, Query } from '@nestjs/cqrs';
import type { ChargePointEventData } from './charge-point-events.js';

// Contract section 5: the commands a user may send to a charger, in Voltline's own words. The
// OCPP module turns each into the CALL of the version the charger speaks (ocpp/v16/, ...).

export interface ChargerCommandParams {
  'start-transaction': { connectorId?: number; idTag: string };
  'stop-transaction': { transactionId: number };
  reset: { type: 'Soft' | 'Hard' };
  'unlock-connector': { connectorId: number };
  'change-availability': { connectorId: number; type: 'Operative' | 'Inoperative' };
  'get-configuration': { keys?: string[] };
  'change-configuration': { key: string; value: string };
  'trigger-message': { message: TriggerableMessage; connectorId?: number };
  'clear-cache': Record<string, never>;
  'data-transfer': { vendorId: string; messageId?: string; data?: string };
}

export type ChargerCommandName = keyof ChargerCommandParams;

export const TRIGGERABLE_MESSAGES = [
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StatusNotification',
] as const;
export type TriggerableMessage = (typeof TRIGGERABLE_MESSAGES)[number];

/** One configuration setting as a charger reported it. */
export interface ConfigurationEntry {
  key: string;
  value: string | null;
  readonly: boolean;
}

export interface ChargerCallResult {
  /** The charger's own answer (`Accepted`, `Rejected`, `Unlocked`, ...). */
  status: string;
  /** The whole CALLRESULT payload. */
  response: unknown;
  /** What a get-configuration answer says, in the version-neutral shape. */
  configuration?: ConfigurationEntry[];
}

/**
 * Sends a command to the charger, on whichever instance holds its connection, and resolves
 * with its answer. Fails with a DomainError: conflict (offline, or gone mid-call), rate_limited
 * (its queue is full), invalid_input (not valid for the charger's OCPP version: nothing sent),
 * upstream_error (CALLERROR) or upstream_timeout.
 */
export class CallChargerCommand<
  N extends ChargerCommandName = ChargerCommandName,
> extends Command<ChargerCallResult> {
  constructor(
    readonly chargePointId: string,
    readonly command: N,
    readonly params: ChargerCommandParams[N],
  ) {
    super();
  }
}

/** Answered by the OCPP module: does some instance hold a connection of this charger now. */
export class IsChargerConnectedQuery extends Query<boolean> {
  constructor(readonly chargePointId: string) {
    super();
  }
}

/** Why a command ended without the charger's answer (contract: `Timeout`, `CallError`, ...). */
export const COMMAND_FAILURE = {
  timeout: 'Timeout',
  callError: 'CallError',
  disconnected: 'Disconnected',
} as const;

export type CommandEventName = 'CommandSent' | 'CommandCompleted';

/** Answered by the charge-point module: the event gets the charger's next seq and goes out. */
export class PublishCommandEventCommand<
  N extends CommandEventName = CommandEventName,
> extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly name: N,
    readonly data: ChargePointEventData[N],
  ) {
    super();
  }
}

/** The parameters of one command (a request DTO `implements CommandParams<'reset'>`). */
export type CommandParams<N extends ChargerCommandName> = ChargerCommandParams[N];
