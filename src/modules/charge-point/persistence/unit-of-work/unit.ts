import type { EntityManager } from 'typeorm';
import type {
  ChargePointEvent,
  ChargePointEventData,
  ChargePointEventName,
} from '../../../../common/contracts/charge-point-events.js';
import type { BatchScope } from '../batch-scope.js';

export type Emit = <N extends ChargePointEventName>(name: N, data: ChargePointEventData[N]) => void;

/** One charger's change: it writes on the manager, emits events, and shares the batch's reads. */
export type UnitOfWork<T> = (manager: EntityManager, emit: Emit, batch: BatchScope) => Promise<T>;

export interface ChargerUnit<T = unknown> {
  chargePointId: string;
  work: UnitOfWork<T>;
  /** The unit keeps the charger's memo as it is (it writes nothing another unit remembers). */
  keepsMemo: boolean;
}

/** How a unit of a batch ended: committed with its result and stamped events, or failed. */
export type UnitOutcome =
  | { committed: true; result: unknown; events: ChargePointEvent[] }
  | { committed: false; error: unknown };
