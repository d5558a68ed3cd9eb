import { Logger } from '@nestjs/common';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

// What a 2.0.1 station may send that Voltline's model has no place for yet: each is answered
// as 2.0.1 prescribes (received; or, for a service Voltline does not offer, its refusal) and
// logged, so that the station goes on and nothing is pretended.
const ANSWERS: Record<string, object> = {
  NotifyEvent: {},
  NotifyMonitoringReport: {},
  SecurityEventNotification: {},
  NotifyChargingLimit: {},
  ClearedChargingLimit: {},
  NotifyCustomerInformation: {},
  NotifyDisplayMessages: {},
  PublishFirmwareStatusNotification: {},
  ReportChargingProfiles: {},
  ReservationStatusUpdate: {},
  // no smart charging, no certificate services, no vendor extension: refused as the spec says
  NotifyEVChargingNeeds: { status: 'Rejected' },
  NotifyEVChargingSchedule: { status: 'Rejected' },
  SignCertificate: { status: 'Rejected' },
  GetCertificateStatus: { status: 'Failed' },
  Get15118EVCertificate: { status: 'Failed', exiResponse: '' },
  DataTransfer: { status: 'UnknownVendorId' },
};

export class Acknowledged201Handler implements Ocpp201ActionHandler<unknown, object> {
  private static readonly logger = new Logger('Ocpp201');

  constructor(
    readonly action: string,
    private readonly answer: object,
  ) {}

  async handle(chargePointId: string) {
    Acknowledged201Handler.logger.debug?.(`${this.action} from ${chargePointId}: acknowledged`);
    return this.answer;
  }
}

export const acknowledged201Handlers = () =>
  Object.entries(ANSWERS).map(([action, answer]) => new Acknowledged201Handler(action, answer));
