import { ChargerRemovedHandler } from './charger-removed.handler.js';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OcppConfig, SecurityConfig } from '../../config/index.js';
import { ChargerSessions } from './charger-sessions.js';
import { ChargerPresence } from './presence/charger-presence.js';
import { CallChargerHandler, IsChargerConnectedHandler } from './outbound/call-charger.handler.js';
import { OUTBOUND_COMMANDS, OutboundCalls } from './outbound/outbound-calls.js';
import { OCPP16_COMMANDS } from './v16/outbound/ocpp16-commands.js';
import { ConnectivityUpdates } from './gateway/connectivity-updates.js';
import { OcppConnections } from './gateway/ocpp-connections.js';
import { OcppDispatcher } from './gateway/ocpp-dispatcher.js';
import { OcppGateway } from './gateway/ocpp.gateway.js';
import { OcppHandshakes } from './gateway/ocpp-handshakes.js';
import { OcppSweeps } from './gateway/ocpp-sweeps.js';
import { OcppRpcTransport } from './transport/ocpp-rpc.transport.js';
import { OcppTransport } from './transport/ocpp-transport.js';
import { AuthorizeHandler } from './v16/authorize.handler.js';
import { BootNotificationHandler } from './v16/boot-notification.handler.js';
import { DataTransferHandler } from './v16/data-transfer.handler.js';
import {
  DiagnosticsStatusNotificationHandler,
  FirmwareStatusNotificationHandler,
} from './v16/firmware-status-notification.handler.js';
import { HeartbeatHandler } from './v16/heartbeat.handler.js';
import { MeterValuesHandler } from './v16/meter-values.handler.js';
import {
  OCPP16_ACTION_HANDLERS,
  OCPP16_CSMS_INITIATED_ACTIONS,
} from './v16/ocpp16-action-handler.js';
import { OCPP_EDGES, type OcppActionHandler, type OcppEdge } from './ocpp-edges.js';
import {
  OCPP201_ACTION_HANDLERS,
  OCPP201_CSMS_INITIATED_ACTIONS,
} from './v201/ocpp201-action-handler.js';
import { ocpp201Providers } from './v201/ocpp201.providers.js';
import { OCPP201_COMMANDS } from './v201/outbound/ocpp201-commands.js';
import { StartTransactionHandler } from './v16/start-transaction.handler.js';
import { StatusNotificationHandler } from './v16/status-notification.handler.js';
import { StopTransactionHandler } from './v16/stop-transaction.handler.js';

const ocpp16Handlers = [
  AuthorizeHandler,
  BootNotificationHandler,
  DataTransferHandler,
  DiagnosticsStatusNotificationHandler,
  FirmwareStatusNotificationHandler,
  HeartbeatHandler,
  MeterValuesHandler,
  StartTransactionHandler,
  StatusNotificationHandler,
  StopTransactionHandler,
];

@Module({
  providers: [
    ...ocpp16Handlers,
    {
      provide: OCPP16_ACTION_HANDLERS,
      useFactory: (...handlers: unknown[]) => handlers,
      inject: ocpp16Handlers,
    },
    ...ocpp201Providers,
    {
      provide: OCPP_EDGES,
      useFactory: (v16: OcppActionHandler[], v201: OcppActionHandler[]): OcppEdge[] => [
        { protocol: 'ocpp1.6', handlers: v16, csmsInitiatedActions: OCPP16_CSMS_INITIATED_ACTIONS },
        {
          protocol: 'ocpp2.0.1',
          handlers: v201,
          csmsInitiatedActions: OCPP201_CSMS_INITIATED_ACTIONS,
        },
      ],
      inject: [OCPP16_ACTION_HANDLERS, OCPP201_ACTION_HANDLERS],
    },
    {
      provide: OcppTransport,
      inject: [ConfigService],
      // The library pings after interval + grace of silence; the gateway's idle sweep closes at
      // 2 x interval + grace, before the library's ping timeout (2 x its ping interval) would.
      useFactory: (config: ConfigService) => {
        const { heartbeatIntervalS, heartbeatGraceS } = config.getOrThrow<OcppConfig>('ocpp');
        const security = config.getOrThrow<SecurityConfig>('security');
        return new OcppRpcTransport({
          pingIntervalMs: (heartbeatIntervalS + heartbeatGraceS) * 1000,
          trustProxy: security.trustProxy,
          maxMessageBytes: security.maxMessageBytes,
        });
      },
    },
    {
      provide: OUTBOUND_COMMANDS,
      useValue: new Map([
        ['ocpp1.6', OCPP16_COMMANDS],
        ['ocpp2.0.1', OCPP201_COMMANDS],
      ]),
    },
    OutboundCalls,
    CallChargerHandler,
    IsChargerConnectedHandler,
    ChargerSessions,
    ChargerPresence,
    ConnectivityUpdates,
    OcppHandshakes,
    OcppDispatcher,
    OcppConnections,
    OcppSweeps,
    OcppGateway,
    ChargerRemovedHandler,
  ],
})
export class OcppModule {}
