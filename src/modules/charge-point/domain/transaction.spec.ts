import { Transaction, type TransactionState } from './transaction.js';

const aTransaction = (overrides: Partial<TransactionState> = {}): TransactionState => ({
  id: 7,
  chargePointId: 'CP-1',
  connectorId: 2,
  idTag: 'TAG-1',
  ocppTransactionId: null,
  meterStartWh: 1_000,
  startedAt: new Date('2026-12-01T10:00:00Z'),
  stoppedAt: null,
  ...overrides,
});

describe('Transaction', () => {
  describe('start', () => {
    it('keeps the facts, with no reservation or charger id as null', () => {
      const startedAt = new Date('2026-12-01T10:00:00Z');
      expect(
        Transaction.start({
          chargePointId: 'CP-1',
          connectorId: 1,
          idTag: 'TAG-1',
          meterStartWh: 500,
          startedAt,
        }),
      ).toEqual({
        chargePointId: 'CP-1',
        connectorId: 1,
        idTag: 'TAG-1',
        meterStartWh: 500,
        startedAt,
        reservationId: null,
        ocppTransactionId: null,
      });
    });

    it("keeps a 2.0.1 charger's own id and the reservation", () => {
      const start = Transaction.start({
        chargePointId: 'CP-1',
        connectorId: 1,
        idTag: '',
        meterStartWh: 0,
        startedAt: new Date(),
        reservationId: 4,
        ocppTransactionId: 'abc',
      });
      expect(start).toMatchObject({ reservationId: 4, ocppTransactionId: 'abc', idTag: '' });
    });
  });

  it('knows which ids could be ours (positive, 32 bits)', () => {
    expect(Transaction.isOurId(1)).toBe(true);
    expect(Transaction.isOurId(2_147_483_647)).toBe(true);
    expect(Transaction.isOurId(2_147_483_648)).toBe(false);
    expect(Transaction.isOurId(0)).toBe(false);
    expect(Transaction.isOurId(-1)).toBe(false);
    expect(Transaction.isOurId(undefined)).toBe(false);
  });

  describe('stop', () => {
    const stoppedAt = new Date('2026-12-01T11:00:00Z');

    it('stops at the register the charger gave and counts the energy from the start', () => {
      const stop = new Transaction(aTransaction()).stop({
        meterStopWh: 8_500,
        stoppedAt,
        idTag: 'TAG-2',
        reason: 'EVDisconnected',
        lastEnergyWh: 3_000,
      });
      expect(stop).toEqual({
        meterStopWh: 8_500,
        stoppedAt,
        stopReason: 'EVDisconnected',
        stopIdTag: 'TAG-2',
        energyWh: 7_500,
      });
    });

    it('reads an absent reason as Local (OCPP 1.6) and an absent id tag as none', () => {
      const stop = new Transaction(aTransaction()).stop({
        meterStopWh: 1_000,
        stoppedAt,
        lastEnergyWh: null,
      });
      expect(stop).toMatchObject({ stopReason: 'Local', stopIdTag: null, energyWh: 0 });
    });

    it('without a register (2.0.1) stops where the last reading left it', () => {
      const stop = new Transaction(aTransaction()).stop({ stoppedAt, lastEnergyWh: 2_400.4 });
      expect(stop).toMatchObject({ meterStopWh: 3_400, energyWh: 2_400 });
    });

    it('without a register nor a reading stops at the start', () => {
      const stop = new Transaction(aTransaction()).stop({ stoppedAt, lastEnergyWh: null });
      expect(stop).toMatchObject({ meterStopWh: 1_000, energyWh: 0 });
    });

    it('changes nothing once stopped', () => {
      const tx = new Transaction(aTransaction({ stoppedAt }));
      expect(tx.live).toBe(false);
      expect(tx.stop({ meterStopWh: 9_000, stoppedAt, lastEnergyWh: null })).toBeNull();
    });
  });

  describe('idTagToLearn', () => {
    it('learns the driver’s id tag when it began without one (2.0.1 cable first)', () => {
      expect(new Transaction(aTransaction({ idTag: '' })).idTagToLearn('TAG-9')).toBe('TAG-9');
    });

    it('keeps the id tag it has, and learns nothing from none', () => {
      expect(new Transaction(aTransaction()).idTagToLearn('TAG-9')).toBeNull();
      expect(new Transaction(aTransaction({ idTag: '' })).idTagToLearn('')).toBeNull();
    });
  });
});
