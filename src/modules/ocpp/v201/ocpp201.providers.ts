import type { Provider } from '@nestjs/common';
import type { OcppActionHandler } from '../ocpp-edges.js';
import { acknowledged201Handlers } from './acknowledged.handler.js';
import { Authorize201Handler } from './authorize.handler.js';
import { BootNotification201Handler } from './boot-notification.handler.js';
import {
  FirmwareStatusNotification201Handler,
  LogStatusNotification201Handler,
} from './firmware-status-notification.handler.js';
import { Heartbeat201Handler } from './heartbeat.handler.js';
import { MeterValues201Handler } from './meter-values.handler.js';
import { NotifyReport201Handler } from './notify-report.handler.js';
import { OCPP201_ACTION_HANDLERS } from './ocpp201-action-handler.js';
import { StatusNotification201Handler } from './status-notification.handler.js';
import { TransactionEvent201Handler } from './transaction-event.handler.js';

const ocpp201Handlers = [
  Authorize201Handler,
  BootNotification201Handler,
  FirmwareStatusNotification201Handler,
  Heartbeat201Handler,
  LogStatusNotification201Handler,
  MeterValues201Handler,
  NotifyReport201Handler,
  StatusNotification201Handler,
  TransactionEvent201Handler,
];

/** The 2.0.1 edge's handlers, and all of them (with the acknowledged ones) under one token. */
export const ocpp201Providers: Provider[] = [
  ...ocpp201Handlers,
  {
    provide: OCPP201_ACTION_HANDLERS,
    useFactory: (...handlers: OcppActionHandler[]) => [...handlers, ...acknowledged201Handlers()],
    inject: ocpp201Handlers,
  },
];
