import { endedChargingState, fromChargingState, fromConnectorStatus } from './status-words.js';

describe('2.0.1 status words in 1.6 vocabulary', () => {
  it.each([
    ['Available', { status: 'Available' }],
    ['Reserved', { status: 'Reserved' }],
    ['Unavailable', { status: 'Unavailable' }],
    ['Occupied', { status: 'Preparing', coarse: true }],
    ['Faulted', { status: 'Faulted', errorCode: 'OtherError' }],
  ])('connectorStatus %s is %j', (connectorStatus, expected) => {
    expect(fromConnectorStatus(connectorStatus)).toEqual(expected);
  });

  it.each([
    ['Charging', 'Charging'],
    ['SuspendedEV', 'SuspendedEV'],
    ['SuspendedEVSE', 'SuspendedEVSE'],
    ['EVConnected', 'Preparing'],
    ['Idle', 'Preparing'],
  ])('chargingState %s is %s', (chargingState, status) => {
    expect(fromChargingState(chargingState)).toEqual({ status });
  });

  it('ends in Finishing while an EV is plugged in, and says nothing without one', () => {
    expect(endedChargingState('EVConnected')).toEqual({ status: 'Finishing' });
    expect(endedChargingState('SuspendedEV')).toEqual({ status: 'Finishing' });
    expect(endedChargingState('Idle')).toBeNull();
    expect(endedChargingState(undefined)).toBeNull();
  });
});
