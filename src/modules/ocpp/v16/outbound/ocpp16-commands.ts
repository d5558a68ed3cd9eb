import type { OutboundCommands } from '../../outbound/outbound-command.js';

// Contract section 5, OCPP 1.6 column: each command as the CALL a 1.6 charger understands.

interface StatusAnswer {
  status: string;
}

const byStatus = (r: StatusAnswer) => r.status;

export const OCPP16_COMMANDS: OutboundCommands = {
  'start-transaction': {
    action: 'RemoteStartTransaction',
    request: ({ connectorId, idTag }) => ({ ...(connectorId ? { connectorId } : {}), idTag }),
    status: byStatus,
  },
  'stop-transaction': {
    action: 'RemoteStopTransaction',
    request: ({ transactionId }) => ({ transactionId }),
    status: byStatus,
  },
  reset: { action: 'Reset', request: ({ type }) => ({ type }), status: byStatus },
  'unlock-connector': {
    action: 'UnlockConnector',
    request: ({ connectorId }) => ({ connectorId }),
    status: byStatus,
  },
  'change-availability': {
    action: 'ChangeAvailability',
    request: ({ connectorId, type }) => ({ connectorId, type }),
    status: byStatus,
  },
  'get-configuration': {
    action: 'GetConfiguration',
    request: ({ keys }) => (keys ? { key: keys } : {}),
    // GetConfiguration.conf has no status of its own: an answer is an acceptance
    status: () => 'Accepted',
    configuration: (r: {
      configurationKey?: { key: string; readonly: boolean; value?: string }[];
    }) =>
      (r.configurationKey ?? []).map((c) => ({
        key: c.key,
        value: c.value ?? null,
        readonly: c.readonly,
      })),
  },
  'change-configuration': {
    action: 'ChangeConfiguration',
    request: ({ key, value }) => ({ key, value }),
    status: byStatus,
  },
  'trigger-message': {
    action: 'TriggerMessage',
    request: ({ message, connectorId }) => ({
      requestedMessage: message,
      ...(connectorId !== undefined ? { connectorId } : {}),
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
