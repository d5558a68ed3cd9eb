import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { ConfigureConnectorCommand } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

// Contract section 6: a connector's type comes from the charger's report or the REST connector
// data. A report (the answer to GetBaseReport, in parts) says each EVSE's connector type and its
// maximum power; they fill what the operator has not set. The rest of a report is not kept yet.

// ConnectorEnumType in the words users see elsewhere (REST connector data)
const CONNECTOR_TYPES: Record<string, string> = {
  cType1: 'Type1',
  cType2: 'Type2',
  sType2: 'Type2',
  sType3: 'Type3',
  cCCS1: 'CCS1',
  cCCS2: 'CCS2',
  cG105: 'CHAdeMO',
  cTesla: 'Tesla',
};
const NO_TYPE = new Set(['Undetermined', 'Unknown']);

type Changes = { type?: string; maxPowerW?: number };

export function connectorDataOf(reportData: OCPP20.NotifyReportRequest['reportData']) {
  const byEvse = new Map<number, Changes>();
  for (const { component, variable, variableAttribute, variableCharacteristics } of reportData ??
    []) {
    const evseId = component.evse?.id;
    if (!evseId) continue;
    const changes = byEvse.get(evseId) ?? {};
    const actual = variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value;
    if (component.name === 'Connector' && variable.name === 'ConnectorType' && actual) {
      if (!NO_TYPE.has(actual)) changes.type = (CONNECTOR_TYPES[actual] ?? actual).slice(0, 32);
    } else if (component.name === 'EVSE' && variable.name === 'Power') {
      const max = variableCharacteristics?.maxLimit;
      const scale = variableCharacteristics?.unit === 'kW' ? 1000 : 1;
      if (max !== undefined && max >= 0) changes.maxPowerW = Math.round(max * scale);
    }
    byEvse.set(evseId, changes);
  }
  return byEvse;
}

@Injectable()
export class NotifyReport201Handler implements Ocpp201ActionHandler<
  OCPP20.NotifyReportRequest,
  OCPP20.NotifyReportResponse
> {
  readonly action = 'NotifyReport';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP20.NotifyReportRequest) {
    for (const [evseId, changes] of connectorDataOf(req.reportData))
      await this.commands.execute(
        new ConfigureConnectorCommand(chargePointId, evseId, changes, 'charger'),
      );
    return {};
  }
}
