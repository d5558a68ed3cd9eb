import { Charger } from './charger.js';

describe('Charger', () => {
  const at = new Date('2026-12-01T10:00:00Z');

  it('records what a boot says, and forgets what it no longer says', () => {
    expect(Charger.boot({ vendor: 'V', model: 'M', firmwareVersion: '1.2' }, at)).toEqual({
      vendor: 'V',
      model: 'M',
      serialNumber: null,
      firmwareVersion: '1.2',
      iccid: null,
      imsi: null,
      meterType: null,
      meterSerialNumber: null,
      bootedAt: at,
      lastSeenAt: at,
    });
  });

  it('keeps every field a boot gives', () => {
    const facts = {
      vendor: 'V',
      model: 'M',
      serialNumber: 'S',
      firmwareVersion: 'F',
      iccid: 'I',
      imsi: 'J',
      meterType: 'T',
      meterSerialNumber: 'N',
    };
    expect(Charger.boot(facts, at)).toEqual({ ...facts, bootedAt: at, lastSeenAt: at });
  });

  it('shows its connectors static data only', () => {
    const connector = { connectorId: 1, type: 'Type2', maxPowerW: 22_000, maxCurrentA: 32 };
    const charger = new Charger({
      id: 'CP-1',
      connectorCount: 1,
      connectors: [{ ...connector, status: 'Charging' } as typeof connector],
    });
    expect(charger.connectors).toEqual([connector]);
  });
});
