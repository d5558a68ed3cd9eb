import type { SimulatedConnector } from '../connector.js';
import {
  type CommandTableFor,
  commonTriggers,
  connectorNumbered,
  type Params,
  type Responder,
  startOn,
} from './responder.js';

// OCPP 1.6: a remote start starts a session on that connector, a remote stop or an unlock ends
// it, a reset reboots the charger, ChangeConfiguration of MeterValueSampleInterval changes how
// often it samples, TriggerMessage sends the message asked for.

const ACCEPTED = { status: 'Accepted' };

const refusals: Record<string, object> = {
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

export const ocpp16Commands: CommandTableFor = (charger, connection) => {
  const connectorOf = (p: Params) => connectorNumbered(charger, p.connectorId);
  const responders: Record<string, Responder> = {
    RemoteStartTransaction: (p) => ({
      answer: startOn(charger, p.connectorId, p.idTag as string)
        ? ACCEPTED
        : refusals.RemoteStartTransaction,
    }),
    RemoteStopTransaction: (p) => {
      const connector = charger.connectors.find((c) => c.transactionId === p.transactionId);
      return {
        answer: connector?.requestStop('Remote') ? ACCEPTED : refusals.RemoteStopTransaction,
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
      if (targets.length === 0) return { answer: refusals.ChangeAvailability };
      const statuses = targets.map((c) => c.setAvailability(p.type === 'Operative'));
      return {
        answer: { status: statuses.includes('Scheduled') ? 'Scheduled' : 'Accepted' },
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
      const targets = p.connectorId === undefined ? charger.connectors : [connectorOf(p)];
      if (targets.some((c) => c === undefined)) return { answer: refusals.TriggerMessage };
      const present = targets as SimulatedConnector[];
      const follow: Partial<Record<string, () => Promise<unknown>>> = {
        ...commonTriggers(charger, present),
        MeterValues: async () => {
          for (const c of present) await connection.call('MeterValues', c.reading(), true);
        },
        DiagnosticsStatusNotification: () =>
          connection.call('DiagnosticsStatusNotification', { status: 'Idle' }, true),
        FirmwareStatusNotification: () =>
          connection.call('FirmwareStatusNotification', { status: 'Idle' }, true),
      };
      const then = follow[p.requestedMessage as string];
      return then ? { answer: ACCEPTED, then } : { answer: { status: 'NotImplemented' } };
    },
    ClearCache: () => ({ answer: ACCEPTED }),
    DataTransfer: () => ({ answer: { status: 'UnknownVendorId' } }),
  };
  return { responders, refusals };
};
