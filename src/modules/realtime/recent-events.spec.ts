import {
  ChargePointEvent,
  type ChargePointEventData,
} from '../../common/contracts/charge-point-events.js';
import { RecentEvents } from './recent-events.js';

function anEvent(seq: number, chargePointId = 'CP_1'): ChargePointEvent<'ConnectorStatusChanged'> {
  const data: ChargePointEventData['ConnectorStatusChanged'] = {
    connectorId: 1,
    status: 'Charging',
    errorCode: 'NoError',
  };
  return new ChargePointEvent(
    chargePointId,
    'ConnectorStatusChanged',
    seq,
    '2026-11-25T10:00:00.000Z',
    data,
  );
}

const seqs = (events: ChargePointEvent[] | null) => events?.map((e) => e.seq);

describe('RecentEvents', () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  describe('since', () => {
    it('returns the events after sinceSeq, in order', () => {
      const recent = new RecentEvents(10, 60_000, now);
      for (const seq of [5, 6, 7, 8]) recent.append(anEvent(seq));

      expect(seqs(recent.since('CP_1', 6))).toEqual([7, 8]);
      expect(seqs(recent.since('CP_1', 4))).toEqual([5, 6, 7, 8]);
    });

    it('returns the very events appended', () => {
      const recent = new RecentEvents(10, 60_000, now);
      const event = anEvent(3);
      recent.append(event);

      expect(recent.since('CP_1', 2)).toEqual([event]);
      expect(recent.since('CP_1', 2)?.[0]).toBe(event);
    });

    it('returns an empty array when the client is up to date', () => {
      const recent = new RecentEvents(10, 60_000, now);
      for (const seq of [5, 6, 7]) recent.append(anEvent(seq));

      expect(recent.since('CP_1', 7)).toEqual([]);
    });

    it('skips gaps in seq (events never delivered, such as coalesced MeterValues)', () => {
      const recent = new RecentEvents(10, 60_000, now);
      for (const seq of [5, 7, 10]) recent.append(anEvent(seq));

      expect(seqs(recent.since('CP_1', 6))).toEqual([7, 10]);
      expect(seqs(recent.since('CP_1', 8))).toEqual([10]);
    });

    it('returns null when sinceSeq is newer than the last event held', () => {
      const recent = new RecentEvents(10, 60_000, now);
      for (const seq of [5, 6, 7]) recent.append(anEvent(seq));

      expect(recent.since('CP_1', 8)).toBeNull();
      expect(recent.since('CP_1', 1000)).toBeNull();
    });

    it('returns null for a charger it holds nothing for', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(5, 'CP_1'));

      expect(recent.since('CP_OTHER', 4)).toBeNull();
      expect(recent.since('CP_OTHER', 0)).toBeNull();
    });

    it('keeps chargers apart', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(1, 'CP_A'));
      recent.append(anEvent(100, 'CP_B'));
      recent.append(anEvent(2, 'CP_A'));

      expect(recent.since('CP_A', 0)?.map((e) => [e.chargePointId, e.seq])).toEqual([
        ['CP_A', 1],
        ['CP_A', 2],
      ]);
      expect(seqs(recent.since('CP_B', 99))).toEqual([100]);
      expect(recent.size).toBe(2);
    });
  });

  describe('coverage', () => {
    it('covers from its first event: sinceSeq = firstSeq - 1 resumes, firstSeq - 2 does not', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(20));
      recent.append(anEvent(21));

      expect(seqs(recent.since('CP_1', 19))).toEqual([20, 21]);
      // event 19 may have been published before this process delivered anything
      expect(recent.since('CP_1', 18)).toBeNull();
      expect(recent.since('CP_1', 0)).toBeNull();
    });

    it('after evictions at capacity, covers only after the last evicted event', () => {
      const recent = new RecentEvents(3, 60_000, now);
      for (const seq of [1, 2, 3, 4, 5]) recent.append(anEvent(seq)); // 1 and 2 evicted

      expect(seqs(recent.since('CP_1', 2))).toEqual([3, 4, 5]);
      expect(recent.since('CP_1', 1)).toBeNull();
      expect(recent.since('CP_1', 0)).toBeNull();
      expect(seqs(recent.since('CP_1', 4))).toEqual([5]);
    });

    it('holds at most capacity events', () => {
      const recent = new RecentEvents(2, 60_000, now);
      for (const seq of [1, 2, 3, 4]) recent.append(anEvent(seq));

      expect(seqs(recent.since('CP_1', 2))).toEqual([3, 4]);
    });

    it('with capacity 0 stores nothing', () => {
      const recent = new RecentEvents(0, 60_000, now);
      recent.append(anEvent(1));
      recent.append(anEvent(2));

      expect(recent.size).toBe(0);
      expect(recent.since('CP_1', 0)).toBeNull();
      expect(recent.since('CP_1', 1)).toBeNull();
      expect(recent.since('CP_1', 2)).toBeNull();
    });
  });

  describe('sweep', () => {
    it('drops an unwatched buffer once the window has passed, not before', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(1));

      clock += 60_000;
      recent.sweep(() => false);
      expect(recent.size).toBe(1);
      expect(seqs(recent.since('CP_1', 0))).toEqual([1]); // also counts as a use

      clock += 60_000;
      recent.sweep(() => false);
      expect(recent.size).toBe(1);

      clock += 1;
      recent.sweep(() => false);
      expect(recent.size).toBe(0);
      expect(recent.since('CP_1', 0)).toBeNull();
    });

    it('keeps a watched buffer however long, and starts its window when it stops being watched', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(1));

      clock += 10 * 60_000;
      recent.sweep(() => true);
      expect(recent.size).toBe(1);

      clock += 60_000;
      recent.sweep(() => false);
      expect(recent.size).toBe(1);

      clock += 1;
      recent.sweep(() => false);
      expect(recent.size).toBe(0);
    });

    it('asks about each charger and drops only the unwatched one', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(1, 'CP_WATCHED'));
      recent.append(anEvent(1, 'CP_IDLE'));
      const asked: string[] = [];

      clock += 60_001;
      recent.sweep((id) => {
        asked.push(id);
        return id === 'CP_WATCHED';
      });

      expect(asked.sort()).toEqual(['CP_IDLE', 'CP_WATCHED']);
      expect(recent.size).toBe(1);
      expect(seqs(recent.since('CP_WATCHED', 0))).toEqual([1]);
      expect(recent.since('CP_IDLE', 0)).toBeNull();
    });

    it('starts a fresh buffer, covering from its new first event, after a drop', () => {
      const recent = new RecentEvents(10, 60_000, now);
      recent.append(anEvent(1));
      clock += 60_001;
      recent.sweep(() => false);

      recent.append(anEvent(9));

      expect(seqs(recent.since('CP_1', 8))).toEqual([9]);
      expect(recent.since('CP_1', 1)).toBeNull();
    });
  });
});
