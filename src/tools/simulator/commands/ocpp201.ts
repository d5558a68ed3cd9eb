import type { SimulatedConnector } from '../connector.js';
import { meterValue201 } from '../dialects.js';
import {
  type CommandTableFor,
  commonTriggers,
  connectorNumbered,
  type Responder,
  startOn,
} from './responder.js';

// OCPP 2.0.1: the same charger behind 2.0.1's commands. The EVSE is the connector (each has
// connector 1); configuration keys are component variables of a small device model. A reset
// OnIdle while a session runs is refused (the simulator does not schedule it for later).

const ACCEPTED = { status: 'Accepted' };
const REJECTED = { status: 'Rejected' };

const refusals: Record<string, object> = {
  RequestStartTransaction: REJECTED,
  RequestStopTransaction: REJECTED,
  Reset: REJECTED,
  UnlockConnector: { status: 'UnlockFailed' },
  ChangeAvailability: REJECTED,
  TriggerMessage: REJECTED,
  ClearCache: REJECTED,
  DataTransfer: REJECTED,
};

/** The device model: a component variable, and the setting (1.6 key) behind it. */
const VARIABLES: Record<string, string> = {
  'OCPPCommCtrlr.HeartbeatInterval': 'HeartbeatInterval',
  'SampledDataCtrlr.TxUpdatedInterval': 'MeterValueSampleInterval',
  'SampledDataCtrlr.TxUpdatedMeasurands': 'MeterValuesSampledData',
  'AuthCtrlr.AuthorizeRemoteStart': 'AuthorizeRemoteTxRequests',
};
const COMPONENTS = new Set(Object.keys(VARIABLES).map((k) => k.split('.')[0]));

interface ComponentVariable {
  component: { name: string };
  variable: { name: string };
}

/** The setting a component variable names, or the status that says why there is none. */
function settingOf({ component, variable }: ComponentVariable): { key?: string; status?: string } {
  const key = VARIABLES[`${component.name}.${variable.name}`];
  if (key) return { key };
  return { status: COMPONENTS.has(component.name) ? 'UnknownVariable' : 'UnknownComponent' };
}

export const ocpp201Commands: CommandTableFor = (charger, connection) => {
  const busy = (c: SimulatedConnector) => c.transactionId !== undefined;
  const responders: Record<string, Responder> = {
    RequestStartTransaction: (p) => {
      const idTag = (p.idToken as { idToken: string }).idToken;
      return { answer: startOn(charger, p.evseId, idTag) ? ACCEPTED : REJECTED };
    },
    RequestStopTransaction: (p) => {
      const connector = charger.connectors.find((c) => c.transactionId === p.transactionId);
      return { answer: connector?.requestStop('Remote') ? ACCEPTED : REJECTED };
    },
    Reset: (p) => {
      const immediate = p.type === 'Immediate';
      if (p.evseId !== undefined || (!immediate && charger.connectors.some(busy)))
        return { answer: REJECTED };
      return { answer: ACCEPTED, then: () => charger.reset(immediate ? 'Hard' : 'Soft') };
    },
    UnlockConnector: (p) => {
      const connector = connectorNumbered(charger, p.evseId);
      if (!connector || p.connectorId !== 1) return { answer: { status: 'UnknownConnector' } };
      // 2.0.1: a cable of a running transaction stays locked
      if (busy(connector)) return { answer: { status: 'OngoingAuthorizedTransaction' } };
      return { answer: { status: 'Unlocked' } };
    },
    ChangeAvailability: (p) => {
      const evse = p.evse as { id: number } | undefined;
      const targets = evse
        ? [connectorNumbered(charger, evse.id)].filter((c) => c !== undefined)
        : charger.connectors;
      if (targets.length === 0) return { answer: REJECTED };
      const statuses = targets.map((c) => c.setAvailability(p.operationalStatus === 'Operative'));
      return {
        answer: { status: statuses.includes('Scheduled') ? 'Scheduled' : 'Accepted' },
        then: async () => {
          for (const c of targets) await c.notifyStatus();
        },
      };
    },
    GetVariables: (p) => ({
      answer: {
        getVariableResult: (p.getVariableData as ComponentVariable[]).map((asked) => {
          const { key, status } = settingOf(asked);
          const { component, variable } = asked;
          if (!key) return { component, variable, attributeStatus: status };
          const [setting] = charger.settings.read([key]).configurationKey;
          return {
            component,
            variable,
            attributeStatus: 'Accepted',
            attributeValue: setting.value,
          };
        }),
      },
    }),
    SetVariables: (p) => {
      const results = (p.setVariableData as (ComponentVariable & { attributeValue: string })[]).map(
        ({ component, variable, attributeValue }) => {
          const { key, status } = settingOf({ component, variable });
          const changed = key ? charger.settings.change(key, attributeValue) : status;
          return { component, variable, attributeStatus: changed };
        },
      );
      return {
        answer: { setVariableResult: results },
        refused: results.some((r) => r.attributeStatus !== 'Accepted'),
      };
    },
    TriggerMessage: (p) => {
      const evse = p.evse as { id: number } | undefined;
      const targets = evse ? [connectorNumbered(charger, evse.id)] : charger.connectors;
      if (targets.some((c) => c === undefined)) return { answer: REJECTED };
      const present = targets as SimulatedConnector[];
      const follow: Partial<Record<string, () => Promise<unknown>>> = {
        ...commonTriggers(charger, present),
        MeterValues: async () => {
          for (const c of present) {
            const { meterValue } = c.reading();
            await connection.call(
              'MeterValues',
              { evseId: c.connectorId, meterValue: meterValue.map(meterValue201) },
              true,
            );
          }
        },
        LogStatusNotification: () =>
          connection.call('LogStatusNotification', { status: 'Idle' }, true),
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
