import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { AuthorizeIdTagQuery, type IdTagInfo } from '../../../common/contracts/id-tags.js';
import {
  energyRegisterWh,
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

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async handle(chargePointId: string, req: OCPP20.TransactionEventRequest) {
    const { transactionInfo: info } = req;
    const idTag = req.idToken?.idToken ?? '';
    const meterValues = meterValuesOf(req.meterValue);
    const register = energyRegisterWh(meterValues);
    const connectorId = req.evse?.id ?? DEFAULT_EVSE;
    // a transaction begun by a cable names no token yet: nothing to authorise
    const idTagInfo: IdTagInfo = idTag
      ? await this.queries.execute(new AuthorizeIdTagQuery(idTag, { chargePointId, connectorId }))
      : { status: 'Accepted' };
    const tx = await this.commands.execute(
      new StartTransactionCommand(
        chargePointId,
        connectorId,
        idTag,
        Math.round(register ?? 0),
        req.timestamp,
        req.reservationId,
        idTagInfo,
        { ocppTransactionId: info.transactionId, seqNo: req.seqNo },
      ),
    );
    if (!tx.duplicate) await this.apply(chargePointId, req, tx, meterValues, register);
    return idTag ? { idTokenInfo: { status: idTagInfo.status } } : {};
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
