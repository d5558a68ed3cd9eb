import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import {
  energyRegisterWh,
  idTagStatus,
  RecordMeterValuesCommand,
  RecordStatusNotificationCommand,
  StartTransactionCommand,
  StopTransactionCommand,
} from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';
import { meterValuesOf } from './sampled-values.js';
import { endedChargingState, fromChargingState } from './status-words.js';

/** An event that names no EVSE, of a transaction we never heard of, is put on EVSE 1. */
const DEFAULT_EVSE = 1;

// TransactionEvent Started / Updated / Ended as the charger model's transaction start, meter
// values and stop (contract section 6). Whichever event of a transaction comes first starts it
// (a Started lost while offline must not lose the transaction); each event is applied once by its
// seqNo, so an offline replay or a retry is answered and changes nothing. The energy counts from
// the register of the first event, as 1.6 counts it from StartTransaction.meterStart.
@Injectable()
export class TransactionEvent201Handler implements Ocpp201ActionHandler<
  OCPP20.TransactionEventRequest,
  OCPP20.TransactionEventResponse
> {
  readonly action = 'TransactionEvent';
  private readonly acceptUnknown: boolean;

  constructor(
    private readonly commands: CommandBus,
    config: ConfigService,
  ) {
    this.acceptUnknown = config.getOrThrow<OcppConfig>('ocpp').acceptUnknownIdTags;
  }

  async handle(chargePointId: string, req: OCPP20.TransactionEventRequest) {
    const { transactionInfo: info } = req;
    const idTag = req.idToken?.idToken ?? '';
    const meterValues = meterValuesOf(req.meterValue);
    const register = energyRegisterWh(meterValues);
    const tx = await this.commands.execute(
      new StartTransactionCommand(
        chargePointId,
        req.evse?.id ?? DEFAULT_EVSE,
        idTag,
        Math.round(register ?? 0),
        req.timestamp,
        req.reservationId,
        this.acceptUnknown,
        { ocppTransactionId: info.transactionId, seqNo: req.seqNo },
      ),
    );
    if (!tx.duplicate) await this.apply(chargePointId, req, tx, meterValues, register);
    return idTag ? { idTokenInfo: { status: idTagStatus(idTag, this.acceptUnknown) } } : {};
  }

  private async apply(
    chargePointId: string,
    req: OCPP20.TransactionEventRequest,
    tx: { transactionId: number; connectorId: number },
    meterValues: ReturnType<typeof meterValuesOf>,
    register: number | undefined,
  ): Promise<void> {
    const { transactionInfo: info } = req;
    const { connectorId, transactionId } = tx;
    if (req.eventType === 'Ended') {
      const status = endedChargingState(info.chargingState);
      if (status) await this.status(chargePointId, connectorId, req, status);
      await this.commands.execute(
        new StopTransactionCommand(
          chargePointId,
          transactionId,
          register === undefined ? undefined : Math.round(register),
          req.timestamp,
          req.idToken?.idToken,
          info.stoppedReason,
          meterValues,
        ),
      );
      return;
    }
    if (meterValues.length > 0)
      await this.commands.execute(
        new RecordMeterValuesCommand(chargePointId, connectorId, transactionId, meterValues),
      );
    if (info.chargingState !== undefined)
      await this.status(chargePointId, connectorId, req, fromChargingState(info.chargingState));
  }

  private status(
    chargePointId: string,
    connectorId: number,
    req: OCPP20.TransactionEventRequest,
    words: ReturnType<typeof fromChargingState>,
  ) {
    return this.commands.execute(
      new RecordStatusNotificationCommand(chargePointId, {
        connectorId,
        ...words,
        ocppStatus: req.transactionInfo.chargingState,
        timestamp: req.timestamp,
      }),
    );
  }
}
