import type { ChargerSettings } from './charger-settings.js';
import { CallFailedError, OfflineError, StoppedError, type OcppConnection } from './connection.js';
import type { SimulatedConnector } from './connector.js';
import type { Rng } from './random.js';
import type { SimulationStats } from './stats.js';

// What a simulated charger answers to the server's CALLs (OCPP 1.6 remote commands), as a real
// one would: a remote start starts a session on that connector, a remote stop or an unlock ends
// it, a reset reboots the charger, ChangeConfiguration of MeterValueSampleInterval changes how
// often it samples, TriggerMessage sends the message asked for. With --reject-rate, that share
// of the commands that can be refused is refused (Rejected, UnlockFailed...).

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

type Params = Record<string, unknown>;
type Answer = { answer: object; then?: () => Promise<unknown> | void };
type Responder = (params: Params) => Answer;

/** What each refusable command answers when the charger says no. */
const REFUSAL: Record<string, object> = {
  RemoteStartTransaction: { status: 'Rejected' },
  RemoteStopTransaction: { status: 'Rejected' },
  Reset: { status: 'Rejected' },
  UnlockConnector: { status: 'UnlockFailed' },
  ChangeAvailability: { status: 'Rejected' },
  ChangeConfiguration: { status: 'Rejected' },
  TriggerMessage: { status: 'Rejected' },
  ClearCache: { status: 'Rejected' },
  DataTransfer: { status: 'Rejected' },
};

const ACCEPTED = { status: 'Accepted' };
/** What follows an answer goes out once the CALLRESULT has been written. */
const AFTER_ANSWER_MS = 20;

export function answerCommands(
  connection: OcppConnection,
  charger: RespondingCharger,
  ctx: ResponderContext,
): void {
  const connectorOf = (params: Params) =>
    charger.connectors.find((c) => c.connectorId === params.connectorId);
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

  const responders: Record<string, Responder> = {
    RemoteStartTransaction: (p) => {
      const idTag = p.idTag as string;
      const connector =
        p.connectorId === undefined
          ? charger.connectors.find((c) => c.requestStart(idTag))
          : connectorOf(p)?.requestStart(idTag)
            ? connectorOf(p)
            : undefined;
      return { answer: connector ? ACCEPTED : REFUSAL.RemoteStartTransaction };
    },
    RemoteStopTransaction: (p) => {
      const connector = charger.connectors.find((c) => c.transactionId === p.transactionId);
      return {
        answer: connector?.requestStop('Remote') ? ACCEPTED : REFUSAL.RemoteStopTransaction,
      };
    },
    Reset: (p) => ({
      answer: ACCEPTED,
      then: () => charger.reset(p.type === 'Hard' ? 'Hard' : 'Soft'),
    }),
    UnlockConnector: (p) => {
      const connector = connectorOf(p);
      if (!connector) return { answer: { status: 'NotSupported' } };
      connector.requestStop('UnlockCommand'); // a session on it ends: the cable is released
      return { answer: { status: 'Unlocked' } };
    },
    ChangeAvailability: (p) => {
      const targets =
        p.connectorId === 0 ? charger.connectors : [connectorOf(p)].filter((c) => c !== undefined);
      if (targets.length === 0) return { answer: REFUSAL.ChangeAvailability };
      const statuses = targets.map((c) => c.setAvailability(p.type === 'Operative'));
      const status = statuses.includes('Scheduled') ? 'Scheduled' : 'Accepted';
      return {
        answer: { status },
        then: async () => {
          for (const c of targets) await c.notifyStatus();
        },
      };
    },
    GetConfiguration: (p) => ({ answer: charger.settings.read(p.key as string[] | undefined) }),
    ChangeConfiguration: (p) => ({
      answer: { status: charger.settings.change(p.key as string, p.value as string) },
    }),
    TriggerMessage: (p) => {
      const message = p.requestedMessage as string;
      const targets = p.connectorId === undefined ? charger.connectors : [connectorOf(p)];
      if (targets.some((c) => c === undefined)) return { answer: REFUSAL.TriggerMessage };
      const present = targets as SimulatedConnector[];
      const follow: Partial<Record<string, () => Promise<unknown>>> = {
        BootNotification: () => charger.send('BootNotification'),
        Heartbeat: () => charger.send('Heartbeat'),
        StatusNotification: async () => {
          for (const c of present) await c.notifyStatus();
        },
        MeterValues: async () => {
          for (const c of present) await connection.call('MeterValues', c.reading(), true);
        },
        DiagnosticsStatusNotification: () =>
          connection.call('DiagnosticsStatusNotification', { status: 'Idle' }, true),
        FirmwareStatusNotification: () =>
          connection.call('FirmwareStatusNotification', { status: 'Idle' }, true),
      };
      const then = follow[message];
      return then ? { answer: ACCEPTED, then } : { answer: { status: 'NotImplemented' } };
    },
    ClearCache: () => ({ answer: ACCEPTED }),
    DataTransfer: () => ({ answer: { status: 'UnknownVendorId' } }),
  };

  for (const [action, respond] of Object.entries(responders)) {
    connection.handle(action, (params) => {
      const refusal = REFUSAL[action];
      if (refusal && ctx.rejectRate > 0 && ctx.rng() < ctx.rejectRate) {
        ctx.stats.commandReceived(action, true);
        return refusal;
      }
      const { answer, then } = respond(params);
      const status = (answer as { status?: string }).status;
      ctx.stats.commandReceived(action, status !== undefined && !ACCEPTED_STATUSES.has(status));
      if (then) afterAnswer(then);
      return answer;
    });
  }
}

const ACCEPTED_STATUSES = new Set(['Accepted', 'Unlocked', 'Scheduled']);
