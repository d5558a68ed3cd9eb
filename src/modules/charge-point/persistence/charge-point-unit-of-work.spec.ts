import type { EventBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { ChargePointEvent } from '../../../common/contracts/charge-point-events.js';
import type { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { ChargePointUnitOfWork } from './charge-point-unit-of-work.js';

// A database where every transaction sees the charger's seq and increments it, and where the
// first transaction is the slowest: without per-charger ordering its events would be published
// after the second one's.
function fakes() {
  let lastSeq = 0;
  const published: ChargePointEvent[] = [];
  let delay = 30;
  const manager = {
    getRepository: () => ({
      increment: async (_where: unknown, _col: string, n: number) => {
        lastSeq += n;
      },
      findOneOrFail: async () => ({ lastSeq }),
    }),
  } as unknown as EntityManager;
  const tx = {
    run: async <T>(work: (m: EntityManager) => Promise<T>) => {
      const wait = delay;
      delay = Math.max(0, delay - 20);
      await new Promise((r) => setTimeout(r, wait));
      return work(manager);
    },
  } as unknown as TransactionRunner;
  const bus = {
    publishAll: (events: ChargePointEvent[]) => published.push(...events),
  } as unknown as EventBus;
  return { uow: new ChargePointUnitOfWork(tx, bus), published };
}

describe('ChargePointUnitOfWork', () => {
  it("publishes one charger's events in seq order even when its transactions race", async () => {
    const { uow, published } = fakes();
    await Promise.all(
      [1, 2, 3].map((n) =>
        uow.run('CP_1', async (_m, emit) =>
          emit('ConnectorStatusChanged', {
            connectorId: n,
            status: 'Available',
            errorCode: 'NoError',
          }),
        ),
      ),
    );
    expect(published.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(published.map((e) => (e.data as { connectorId: number }).connectorId)).toEqual([
      1, 2, 3,
    ]);
  });

  it('keeps going after a failed unit of work', async () => {
    const { uow, published } = fakes();
    const failed = uow.run('CP_1', async () => {
      throw new Error('write failed');
    });
    const next = uow.run('CP_1', async (_m, emit) =>
      emit('ChargePointOnline', { reconnected: false }),
    );
    await expect(failed).rejects.toThrow('write failed');
    await next;
    expect(published.map((e) => e.name)).toEqual(['ChargePointOnline']);
  });
});
