import { TransactionEnergy } from './transaction-energy.js';

describe('TransactionEnergy', () => {
  const energy = new TransactionEnergy(12_346);

  it('counts from the register at the start', () => {
    expect(energy.at(19_900)).toBe(7_554);
    expect(energy.at(12_346)).toBe(0);
  });

  it('stops at the register the charger gave', () => {
    expect(energy.stopRegisterWh(25_000, 7_554)).toBe(25_000);
  });

  it('stops where the last reading left it when the charger gave none, in whole Wh', () => {
    expect(energy.stopRegisterWh(undefined, 7_554.4)).toBe(19_900);
  });

  it('stops at the start when the transaction never reported a reading', () => {
    expect(energy.stopRegisterWh(undefined, null)).toBe(12_346);
  });
});
