import { Connector, type LiveMeter } from './connector.js';

const shown: LiveMeter = {
  powerW: 7_000,
  energyWh: 1_200,
  currentA: 16,
  voltageV: 230,
  socPercent: 40,
  meterAt: new Date('2026-12-01T10:05:00Z'),
};
const running = { meterStartWh: 10_000, stoppedAt: null };
const later = new Date('2026-12-01T10:06:00Z');

describe('Connector.applyReading', () => {
  it("counts the running transaction's energy from its start", () => {
    const next = Connector.applyReading(
      shown,
      { sampledAt: later, reading: { energyRegisterWh: 12_500, powerW: 11_000 } },
      running,
    );
    expect(next).toEqual({ ...shown, powerW: 11_000, energyWh: 2_500, meterAt: later });
  });

  it('keeps the last values the reading does not give', () => {
    const next = Connector.applyReading(
      shown,
      { sampledAt: later, reading: { socPercent: 41 } },
      running,
    );
    expect(next).toEqual({ ...shown, socPercent: 41, meterAt: later });
  });

  it('does not count energy outside a running transaction', () => {
    const reading = { sampledAt: later, reading: { energyRegisterWh: 99_000 } };
    expect(Connector.applyReading(shown, reading, null)?.energyWh).toBe(1_200);
    const stopped = { meterStartWh: 10_000, stoppedAt: new Date() };
    expect(Connector.applyReading(shown, reading, stopped)?.energyWh).toBe(1_200);
    const fresh = { ...shown, energyWh: null };
    expect(Connector.applyReading(fresh, reading, null)?.energyWh).toBeNull();
  });

  it('does not roll live values back with an older (offline replayed) reading', () => {
    const older = { sampledAt: new Date('2026-12-01T10:00:00Z'), reading: { powerW: 1 } };
    expect(Connector.applyReading(shown, older, running)).toBeNull();
  });

  it('takes any reading on a connector that never showed one', () => {
    const never = { ...shown, meterAt: null };
    const old = { sampledAt: new Date('2000-01-01T00:00:00Z'), reading: { powerW: 1 } };
    expect(Connector.applyReading(never, old, null)).toMatchObject({ powerW: 1 });
  });
});

describe('Connector start and free', () => {
  it('a started transaction holds the connector from zero', () => {
    expect(Connector.started(5)).toEqual({ transactionId: 5, energyWh: 0, powerW: 0 });
  });

  it('a stopped transaction leaves it free', () => {
    expect(Connector.freed()).toEqual({ transactionId: null, energyWh: null, powerW: 0 });
  });
});

describe('Connector.configure', () => {
  const current = { type: 'Type2', maxPowerW: null, maxCurrentA: 32 };

  it("sets the operator's values over what the connector had", () => {
    expect(
      Connector.configure(current, { maxPowerW: 22_000, maxCurrentA: 16 }, 'operator'),
    ).toEqual({ type: 'Type2', maxPowerW: 22_000, maxCurrentA: 16 });
  });

  it("fills only what is unset from the charger's report, and nothing when nothing changes", () => {
    expect(Connector.configure(current, { type: 'CCS', maxPowerW: 50_000 }, 'charger')).toEqual({
      type: 'Type2',
      maxPowerW: 50_000,
      maxCurrentA: 32,
    });
    expect(Connector.configure(current, { type: 'CCS', maxCurrentA: 16 }, 'charger')).toBeNull();
  });

  it('writes what the operator sends even when it is the same', () => {
    expect(Connector.configure(current, { type: 'Type2' }, 'operator')).toEqual(current);
  });
});
