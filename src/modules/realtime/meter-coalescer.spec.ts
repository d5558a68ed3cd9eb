import { jest } from '@jest/globals';
import { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { MeterCoalescer } from './meter-coalescer.js';

const INTERVAL = 1000;

function aMeterValues(
  seq: number,
  { chargePointId = 'CP_1', connectorId = 1, powerW = seq * 100 } = {},
): ChargePointEvent<'MeterValues'> {
  return new ChargePointEvent(chargePointId, 'MeterValues', seq, new Date().toISOString(), {
    connectorId,
    transactionId: 7,
    powerW,
    energyWh: seq * 10,
    sampledAt: new Date().toISOString(),
  });
}

function aStatusChange(
  seq: number,
  { chargePointId = 'CP_1', connectorId = 1 } = {},
): ChargePointEvent<'ConnectorStatusChanged'> {
  return new ChargePointEvent(
    chargePointId,
    'ConnectorStatusChanged',
    seq,
    new Date().toISOString(),
    { connectorId, status: 'Finishing', errorCode: 'NoError' },
  );
}

describe('MeterCoalescer', () => {
  let delivered: ChargePointEvent[];
  let coalescer: MeterCoalescer;
  const seqs = () => delivered.map((e) => e.seq);
  const makeCoalescer = (intervalMs: number) =>
    new MeterCoalescer(
      intervalMs,
      (e) => delivered.push(e),
      () => Date.now(),
    );

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-25T10:00:00.000Z') });
    delivered = [];
    coalescer = makeCoalescer(INTERVAL);
  });

  afterEach(() => {
    coalescer.close();
    jest.useRealTimers();
  });

  it('passes the first MeterValues of a connector at once', () => {
    const event = aMeterValues(1);

    coalescer.offer(event);

    expect(delivered).toEqual([event]);
    expect(delivered[0]).toBe(event);
  });

  it('holds later ones within the interval and delivers only the latest when it ends', () => {
    coalescer.offer(aMeterValues(1));
    jest.advanceTimersByTime(100);
    coalescer.offer(aMeterValues(2));
    jest.advanceTimersByTime(100);
    coalescer.offer(aMeterValues(3));
    jest.advanceTimersByTime(100);
    coalescer.offer(aMeterValues(4));

    expect(seqs()).toEqual([1]);

    jest.advanceTimersByTime(INTERVAL - 300 - 1);
    expect(seqs()).toEqual([1]);

    jest.advanceTimersByTime(1);
    expect(seqs()).toEqual([1, 4]);
    expect((delivered[1] as ChargePointEvent<'MeterValues'>).data.powerW).toBe(400);

    jest.advanceTimersByTime(10 * INTERVAL);
    expect(seqs()).toEqual([1, 4]);
  });

  it('counts the next interval from the held value it delivered', () => {
    coalescer.offer(aMeterValues(1)); // t=0
    jest.advanceTimersByTime(500);
    coalescer.offer(aMeterValues(2)); // held until t=1000
    jest.advanceTimersByTime(500);
    expect(seqs()).toEqual([1, 2]);

    jest.advanceTimersByTime(300);
    coalescer.offer(aMeterValues(3)); // t=1300: held until t=2000
    expect(seqs()).toEqual([1, 2]);

    jest.advanceTimersByTime(699);
    expect(seqs()).toEqual([1, 2]);
    jest.advanceTimersByTime(1);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('passes a MeterValues at once when a whole interval has gone by', () => {
    coalescer.offer(aMeterValues(1));
    jest.advanceTimersByTime(INTERVAL);

    coalescer.offer(aMeterValues(2));

    expect(seqs()).toEqual([1, 2]);
  });

  it('coalesces each connector on its own', () => {
    coalescer.offer(aMeterValues(1, { connectorId: 1 }));
    coalescer.offer(aMeterValues(2, { connectorId: 2 }));

    // connector 1 sending does not hold back connector 2's first value
    expect(seqs()).toEqual([1, 2]);

    jest.advanceTimersByTime(400);
    coalescer.offer(aMeterValues(3, { connectorId: 2 }));
    coalescer.offer(aMeterValues(4, { connectorId: 2 }));
    expect(seqs()).toEqual([1, 2]);

    jest.advanceTimersByTime(600);
    expect(seqs()).toEqual([1, 2, 4]);
  });

  it('holds a newer MeterValues of another connector behind an older held one (order kept)', () => {
    coalescer.offer(aMeterValues(1, { connectorId: 1 }));
    coalescer.offer(aMeterValues(2, { connectorId: 1 })); // held until the interval ends
    coalescer.offer(aMeterValues(3, { connectorId: 2 })); // may pass, but not before 2

    expect(seqs()).toEqual([1]);
    jest.advanceTimersByTime(INTERVAL);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('throttles each connector even when two connectors alternate', () => {
    for (let seq = 1; seq <= 20; seq++) {
      coalescer.offer(aMeterValues(seq, { connectorId: seq % 2 === 1 ? 1 : 2 }));
      if (seq < 20) jest.advanceTimersByTime(INTERVAL / 20);
    }
    // the first of each connector passed; everything since is held, the latest of each winning
    expect(seqs()).toEqual([1, 2]);
    jest.advanceTimersByTime(INTERVAL);
    expect(seqs()).toEqual([1, 2, 19, 20]);
  });

  it('passes a non-meter event at once', () => {
    const event = aStatusChange(1);

    coalescer.offer(event);

    expect(delivered).toEqual([event]);
  });

  it('passes every non-meter event, however close together', () => {
    for (const seq of [1, 2, 3, 4]) coalescer.offer(aStatusChange(seq));

    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it('drops a held MeterValues superseded by a later non-meter event (rate and order both hold)', () => {
    coalescer.offer(aMeterValues(1));
    coalescer.offer(aMeterValues(2)); // held
    coalescer.offer(aMeterValues(3)); // held, replaces 2

    coalescer.offer(aStatusChange(4, { connectorId: 2 }));
    expect(seqs()).toEqual([1, 4]);

    // nothing goes out late, after the newer event
    jest.advanceTimersByTime(10 * INTERVAL);
    expect(seqs()).toEqual([1, 4]);

    // the connector's interval still counts from the value it last sent
    coalescer.offer(aMeterValues(5));
    expect(seqs()).toEqual([1, 4, 5]);
  });

  it('keeps seqs strictly increasing through a mixed stream', () => {
    let seq = 0;
    const offers: Array<() => ChargePointEvent> = [
      () => aMeterValues(++seq, { connectorId: 1 }),
      () => aMeterValues(++seq, { connectorId: 1 }),
      () => aMeterValues(++seq, { connectorId: 2 }),
      () => aStatusChange(++seq),
      () => aMeterValues(++seq, { connectorId: 2 }),
      () => aMeterValues(++seq, { connectorId: 1 }),
      () => aMeterValues(++seq, { connectorId: 2 }),
    ];
    for (const make of offers) {
      coalescer.offer(make());
      jest.advanceTimersByTime(150);
    }
    jest.advanceTimersByTime(10 * INTERVAL);

    for (let i = 1; i < delivered.length; i++) {
      expect(delivered[i].seq).toBeGreaterThan(delivered[i - 1].seq);
    }
    // the status change and the last value of each connector always reach users
    expect(seqs()).toContain(4);
    expect(seqs()).toContain(6);
    expect(seqs().at(-1)).toBe(7);
  });

  it("does not flush another charger's held value", () => {
    coalescer.offer(aMeterValues(1, { chargePointId: 'CP_A' }));
    coalescer.offer(aMeterValues(2, { chargePointId: 'CP_A' })); // held

    coalescer.offer(aStatusChange(1, { chargePointId: 'CP_B' }));
    coalescer.offer(aMeterValues(2, { chargePointId: 'CP_B' })); // CP_B's first: passes

    expect(delivered.map((e) => `${e.chargePointId}#${e.seq}`)).toEqual([
      'CP_A#1',
      'CP_B#1',
      'CP_B#2',
    ]);

    jest.advanceTimersByTime(INTERVAL);
    expect(delivered.map((e) => `${e.chargePointId}#${e.seq}`)).toEqual([
      'CP_A#1',
      'CP_B#1',
      'CP_B#2',
      'CP_A#2',
    ]);
  });

  it('does not mistake a charger whose id extends another for the same charger', () => {
    coalescer.offer(aMeterValues(1, { chargePointId: 'CP_1' }));
    coalescer.offer(aMeterValues(2, { chargePointId: 'CP_1' })); // held

    coalescer.offer(aStatusChange(1, { chargePointId: 'CP_10' }));

    expect(delivered.map((e) => `${e.chargePointId}#${e.seq}`)).toEqual(['CP_1#1', 'CP_10#1']);
  });

  it('with interval 0 passes every MeterValues at once', () => {
    coalescer.close();
    coalescer = makeCoalescer(0);

    for (const seq of [1, 2, 3, 4]) coalescer.offer(aMeterValues(seq));

    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('close() cancels held values: nothing is delivered after it', () => {
    coalescer.offer(aMeterValues(1));
    coalescer.offer(aMeterValues(2)); // held
    expect(jest.getTimerCount()).toBe(1);

    coalescer.close();
    jest.advanceTimersByTime(10 * INTERVAL);

    expect(seqs()).toEqual([1]);
    expect(jest.getTimerCount()).toBe(0);
  });

  describe('sweep', () => {
    // sweep only bounds memory (an idle slot lets the next value pass anyway), so these look
    // at how many slots are held
    const slotCount = () =>
      (coalescer as unknown as { chargers: Map<string, unknown> }).chargers.size;

    it('drops a slot once nothing was sent for max(10 intervals, 60 s)', () => {
      coalescer.offer(aMeterValues(1));
      jest.advanceTimersByTime(60_000);
      coalescer.sweep();
      expect(slotCount()).toBe(1);

      jest.advanceTimersByTime(1);
      coalescer.sweep();
      expect(slotCount()).toBe(0);

      coalescer.offer(aMeterValues(2));
      expect(seqs()).toEqual([1, 2]);
    });

    it('uses 10 intervals when that is longer than 60 s', () => {
      coalescer.close();
      coalescer = makeCoalescer(10_000);
      coalescer.offer(aMeterValues(1));

      jest.advanceTimersByTime(100_000);
      coalescer.sweep();
      expect(slotCount()).toBe(1);

      jest.advanceTimersByTime(1);
      coalescer.sweep();
      expect(slotCount()).toBe(0);
    });

    it('keeps a slot that sent recently, and the interval still applies', () => {
      coalescer.offer(aMeterValues(1));
      jest.advanceTimersByTime(500);

      coalescer.sweep();
      coalescer.offer(aMeterValues(2));

      expect(slotCount()).toBe(1);
      expect(seqs()).toEqual([1]);
      jest.advanceTimersByTime(500);
      expect(seqs()).toEqual([1, 2]);
    });

    it('keeps a slot with a held value, which is still delivered', () => {
      coalescer.offer(aMeterValues(1));
      coalescer.offer(aMeterValues(2)); // held

      coalescer.sweep();
      jest.advanceTimersByTime(INTERVAL);

      expect(slotCount()).toBe(1);
      expect(seqs()).toEqual([1, 2]);
    });

    it('drops only the idle slots', () => {
      coalescer.offer(aMeterValues(1, { connectorId: 1 }));
      jest.advanceTimersByTime(60_001);
      coalescer.offer(aMeterValues(2, { connectorId: 2 }));

      coalescer.sweep();

      expect(slotCount()).toBe(1);
      coalescer.offer(aMeterValues(3, { connectorId: 2 }));
      expect(seqs()).toEqual([1, 2]); // connector 2's slot (and its interval) survived
    });
  });
});
