import { randomInt } from 'node:crypto';
import { InvalidInputError } from '../../../../common/errors/domain-error.js';
import type { OutboundCommands } from '../../outbound/outbound-command.js';
import { type ComponentVariable, componentVariable, keyOf } from './variable-keys.js';

// Contract section 5, OCPP 2.0.1 column: each command as the CALL a 2.0.1 station understands.
// The users' connectorId is the EVSE id (section 6); inside an EVSE, connector 1.

interface StatusAnswer {
  status: string;
}

const byStatus = (r: StatusAnswer) => r.status;

const RESET_TYPE = { Soft: 'OnIdle', Hard: 'Immediate' } as const;

// 1.6's DiagnosticsStatusNotification is 2.0.1's LogStatusNotification
const TRIGGERED: Record<string, string> = {
  DiagnosticsStatusNotification: 'LogStatusNotification',
};

interface GetVariableResult extends ComponentVariable {
  attributeStatus: string;
  attributeValue?: string;
}

export const OCPP201_COMMANDS: OutboundCommands = {
  'start-transaction': {
    action: 'RequestStartTransaction',
    request: ({ connectorId, idTag }) => ({
      ...(connectorId ? { evseId: connectorId } : {}),
      idToken: { idToken: idTag, type: 'Central' },
      // the station echoes it in the TransactionEvent of the transaction it starts
      remoteStartId: randomInt(1, 2 ** 31 - 1),
    }),
    status: byStatus,
  },
  'stop-transaction': {
    action: 'RequestStopTransaction',
    request: async ({ transactionId }, context) => {
      const ocppTransactionId = await context.ocppTransactionId(transactionId);
      if (ocppTransactionId === null)
        throw new InvalidInputError(
          `Transaction ${transactionId} is not a transaction of ${context.chargePointId}`,
        );
      return { transactionId: ocppTransactionId };
    },
    status: byStatus,
  },
  reset: {
    action: 'Reset',
    request: ({ type }) => ({ type: RESET_TYPE[type] }),
    status: byStatus,
  },
  'unlock-connector': {
    action: 'UnlockConnector',
    request: ({ connectorId }) => ({ evseId: connectorId, connectorId: 1 }),
    status: byStatus,
  },
  'change-availability': {
    action: 'ChangeAvailability',
    // connector 0 is the whole station: no EVSE named
    request: ({ connectorId, type }) => ({
      operationalStatus: type,
      ...(connectorId > 0 ? { evse: { id: connectorId } } : {}),
    }),
    status: byStatus,
  },
  'get-configuration': {
    action: 'GetVariables',
    request: ({ keys }) => {
      // every variable at once is a report the station sends later (GetBaseReport), not an answer
      if (!keys?.length)
        throw new InvalidInputError('A 2.0.1 charger is asked for named keys only (keys)');
      return { getVariableData: keys.map(componentVariable) };
    },
    status: () => 'Accepted',
    // kept under the key the caller asked for (a 1.6 name stays a 1.6 name)
    configuration: (r: { getVariableResult: GetVariableResult[] }, { keys }) =>
      r.getVariableResult
        .filter((v) => v.attributeStatus === 'Accepted')
        .map((v) => ({
          key: keyOf(keys ?? [], v),
          value: v.attributeValue ?? null,
          readonly: false,
        })),
  },
  'change-configuration': {
    action: 'SetVariables',
    request: ({ key, value }) => ({
      setVariableData: [{ ...componentVariable(key), attributeValue: value }],
    }),
    status: (r: { setVariableResult: { attributeStatus: string }[] }) =>
      r.setVariableResult[0]?.attributeStatus ?? 'Rejected',
  },
  'trigger-message': {
    action: 'TriggerMessage',
    request: ({ message, connectorId }) => ({
      requestedMessage: TRIGGERED[message] ?? message,
      ...(connectorId !== undefined && connectorId > 0
        ? {
            evse: {
              id: connectorId,
              ...(message === 'StatusNotification' ? { connectorId: 1 } : {}),
            },
          }
        : {}),
    }),
    status: byStatus,
  },
  'clear-cache': { action: 'ClearCache', request: () => ({}), status: byStatus },
  'data-transfer': {
    action: 'DataTransfer',
    request: ({ vendorId, messageId, data }) => ({
      vendorId,
      ...(messageId !== undefined ? { messageId } : {}),
      ...(data !== undefined ? { data } : {}),
    }),
    status: byStatus,
  },
};
