import { InvalidInputError } from '../../../../common/errors/domain-error.js';

// Contract section 6: configuration keys are the 1.6 names where 2.0.1 has an equivalent
// variable, or `Component.Variable`.

export interface ComponentVariable {
  component: { name: string };
  variable: { name: string };
}

const FROM_OCPP16: Record<string, string> = {
  MeterValueSampleInterval: 'SampledDataCtrlr.TxUpdatedInterval',
  MeterValuesSampledData: 'SampledDataCtrlr.TxUpdatedMeasurands',
  StopTxnSampledData: 'SampledDataCtrlr.TxEndedMeasurands',
  ClockAlignedDataInterval: 'AlignedDataCtrlr.Interval',
  MeterValuesAlignedData: 'AlignedDataCtrlr.Measurands',
  HeartbeatInterval: 'OCPPCommCtrlr.HeartbeatInterval',
  WebSocketPingInterval: 'OCPPCommCtrlr.WebSocketPingInterval',
  ResetRetries: 'OCPPCommCtrlr.ResetRetries',
  ConnectionTimeOut: 'TxCtrlr.EVConnectionTimeOut',
  StopTransactionOnEVSideDisconnect: 'TxCtrlr.StopTxOnEVSideDisconnect',
  StopTransactionOnInvalidId: 'TxCtrlr.StopTxOnInvalidId',
  LocalPreAuthorize: 'AuthCtrlr.LocalPreAuthorize',
  LocalAuthorizeOffline: 'AuthCtrlr.LocalAuthorizeOffline',
  AuthorizeRemoteTxRequests: 'AuthCtrlr.AuthorizeRemoteStart',
  AuthorizationCacheEnabled: 'AuthCacheCtrlr.Enabled',
  LocalAuthListEnabled: 'LocalAuthListCtrlr.Enabled',
};

// 2.0.1 names: letters, digits and a few marks; the component is the part before the first dot
const COMPONENT_VARIABLE = /^([A-Za-z0-9*_=+|@-]{1,50})\.([A-Za-z0-9*_=+|@.-]{1,50})$/;

/** The component and variable a key names; a key that names neither is a 400. */
export function componentVariable(key: string): ComponentVariable {
  const match = COMPONENT_VARIABLE.exec(FROM_OCPP16[key] ?? key);
  if (!match)
    throw new InvalidInputError(
      `${key} is neither a 1.6 key with a 2.0.1 equivalent nor a Component.Variable`,
    );
  return { component: { name: match[1] }, variable: { name: match[2] } };
}

/** The same key again, as the caller wrote it, for an answer about this component and variable. */
export function keyOf(keys: readonly string[], { component, variable }: ComponentVariable): string {
  const name = `${component.name}.${variable.name}`;
  return keys.find((k) => (FROM_OCPP16[k] ?? k) === name) ?? name;
}
