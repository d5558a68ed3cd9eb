import type { INestApplication } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { ChargePointEvent } from '../../src/common/contracts/charge-point-events.js';

/** Records every domain event the app publishes; `waitFor` awaits one with a timeout. */
export function recordEvents(app: INestApplication) {
  const events: ChargePointEvent[] = [];
  const waiters: Array<{
    match: (e: ChargePointEvent) => boolean;
    resolve: (e: ChargePointEvent) => void;
  }> = [];
  app.get(EventBus).subscribe((e) => {
    const event = e as ChargePointEvent;
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  return {
    events,
    of: (chargePointId: string) => events.filter((e) => e.chargePointId === chargePointId),
    waitFor(match: (e: ChargePointEvent) => boolean, timeoutMs = 5000): Promise<ChargePointEvent> {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('expected event not published')),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}
