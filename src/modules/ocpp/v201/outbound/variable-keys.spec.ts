import { InvalidInputError } from '../../../../common/errors/domain-error.js';
import { componentVariable, keyOf } from './variable-keys.js';

describe('configuration keys for 2.0.1', () => {
  it('maps a 1.6 key to its 2.0.1 variable', () => {
    expect(componentVariable('MeterValueSampleInterval')).toEqual({
      component: { name: 'SampledDataCtrlr' },
      variable: { name: 'TxUpdatedInterval' },
    });
  });

  it('reads Component.Variable, the variable keeping any further dots', () => {
    expect(componentVariable('OCPPCommCtrlr.HeartbeatInterval')).toEqual({
      component: { name: 'OCPPCommCtrlr' },
      variable: { name: 'HeartbeatInterval' },
    });
    expect(componentVariable('Vendor.Some.Thing').variable).toEqual({ name: 'Some.Thing' });
  });

  it.each(['NumberOfConnectors', '.Variable', 'Component.', 'Bad Key.x', 'A'.repeat(51) + '.x'])(
    'refuses %j with a 400',
    (key) => {
      expect(() => componentVariable(key)).toThrow(InvalidInputError);
    },
  );

  it("gives an answer back the caller's own key", () => {
    const keys = ['MeterValueSampleInterval', 'TxCtrlr.EVConnectionTimeOut'];
    expect(keyOf(keys, componentVariable('MeterValueSampleInterval'))).toBe(
      'MeterValueSampleInterval',
    );
    expect(keyOf(keys, componentVariable('TxCtrlr.EVConnectionTimeOut'))).toBe(
      'TxCtrlr.EVConnectionTimeOut',
    );
    expect(keyOf([], componentVariable('HeartbeatInterval'))).toBe(
      'OCPPCommCtrlr.HeartbeatInterval',
    );
  });
});
