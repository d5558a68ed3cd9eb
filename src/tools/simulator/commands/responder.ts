import type { ChargerSettings } from '../charger-settings.js';
import { CallFailedError, OfflineError, StoppedError, type OcppConnection } from '../connection.js';
import type { SimulatedConnector } from '../connector.js';
import type { Rng } from '../random.js';
import type { SimulationStats } from '../stats.js';

// What a simulated charger answers to the server's CALLs (remote commands), as a real one
// would: each OCPP version's table (ocpp16.ts, ocpp201.ts) says what every command does to the
// charger and what it answers; this file puts a table on a connection, refuses the share of
// refusable commands that --reject-rate asks for, counts them, and runs what follows an answer
// (a session starting, a reboot, a triggered message) once the answer has gone out.

export interface RespondingCharger {
  readonly connectors: readonly SimulatedConnector[];
  readonly settings: ChargerSettings;
  /** After the answer went out: end the sessions with the reset's reason, then reboot. */
  reset(type: 'Hard' | 'Soft'): void;
  /** BootNotification or Heartbeat now (TriggerMessage). */
  send(action: 'BootNotification' | 'Heartbeat'): Promise<unknown>;
}

export interface ResponderContext {
  readonly rng: Rng;
  readonly stats: SimulationStats;
  /** Share (0..1) of refusable commands refused. */
  readonly rejectRate: number;
}

export type Params = Record<string, unknown>;

export interface Answer {
  answer: object;
  /** what follows once the CALLRESULT is out */
  then?: () => Promise<unknown> | void;
  /** the charger said no; by default, a `status` that is not an accepting one */
  refused?: boolean;
}

export type Responder = (params: Params) => Answer;

/** One OCPP version's commands: what each does, and what a refusable one answers to say no. */
export interface CommandTable {
  responders: Record<string, Responder>;
  refusals: Record<string, object>;
}

export type CommandTableFor = (
  charger: RespondingCharger,
  connection: OcppConnection,
) => CommandTable;

/** What follows an answer goes out once the CALLRESULT has been written. */
const AFTER_ANSWER_MS = 20;

const ACCEPTING = new Set(['Accepted', 'Unlocked', 'Scheduled']);

export function answerCommands(
  connection: OcppConnection,
  table: CommandTable,
  ctx: ResponderContext,
): void {
  const afterAnswer = (work: () => Promise<unknown> | void) =>
    setTimeout(() => {
      Promise.resolve()
        .then(work)
        .catch((err: unknown) => {
          // failures of calls are counted where they happen; a stopped run is no failure
          if (!(err instanceof CallFailedError || err instanceof OfflineError))
            if (!(err instanceof StoppedError))
              ctx.stats.error(`simulator: ${(err as Error).message}`);
        });
    }, AFTER_ANSWER_MS);

  for (const [action, respond] of Object.entries(table.responders)) {
    connection.handle(action, (params) => {
      const refusal = table.refusals[action];
      if (refusal && ctx.rejectRate > 0 && ctx.rng() < ctx.rejectRate) {
        ctx.stats.commandReceived(action, true);
        return refusal;
      }
      const { answer, then, refused } = respond(params);
      const status = (answer as { status?: string }).status;
      ctx.stats.commandReceived(
        action,
        refused ?? (status !== undefined && !ACCEPTING.has(status)),
      );
      if (then) afterAnswer(then);
      return answer;
    });
  }
}

/** What TriggerMessage makes any version send now: a boot, a heartbeat, the statuses. */
export function commonTriggers(
  charger: RespondingCharger,
  present: readonly SimulatedConnector[],
): Record<string, () => Promise<unknown>> {
  return {
    BootNotification: () => charger.send('BootNotification'),
    Heartbeat: () => charger.send('Heartbeat'),
    StatusNotification: async () => {
      for (const c of present) await c.notifyStatus();
    },
  };
}

/** The connector a command names by number (1.6 connectorId, 2.0.1 evseId). */
export const connectorNumbered = (charger: RespondingCharger, id: unknown) =>
  charger.connectors.find((c) => c.connectorId === id);

/** A remote start on the connector named, or on the first one free when none is. */
export function startOn(charger: RespondingCharger, id: unknown, idTag: string): boolean {
  if (id === undefined) return charger.connectors.some((c) => c.requestStart(idTag));
  return !!connectorNumbered(charger, id)?.requestStart(idTag);
}
