import { ChargePointEvent } from '../../common/contracts/charge-point-events.js';

/** Messages between instances that are not charger events (access changes, charger takeover). */
export interface ClusterMessage {
  kind: string;
  [field: string]: unknown;
}

// How charger events and cluster messages cross instances. The realtime module cannot tell which
// implementation runs: in-process (one instance) or Redis pub/sub (several).
export abstract class EventTransport {
  /** This instance's id, unique per process. */
  abstract readonly instanceId: string;
  /** Sends a locally published event to the other instances and to the shared resume buffer. */
  abstract publish(event: ChargePointEvent): void;
  /** Events published by other instances, for the chargers this instance watches. */
  abstract onRemoteEvent(listener: (event: ChargePointEvent) => void): void;
  /** Starts / stops receiving a charger's events from other instances. */
  abstract watch(chargePointId: string): void;
  abstract unwatch(chargePointId: string): void;
  /** Resolves once events of a watched charger are flowing in (its subscription is confirmed). */
  abstract whenWatching(chargePointId: string): Promise<void>;
  /** The events after `sinceSeq`, in order and without a gap, or null when they are not all held. */
  abstract since(chargePointId: string, sinceSeq: number): Promise<ChargePointEvent[] | null>;
  abstract broadcast(message: ClusterMessage): void;
  /** Sends a message to one other instance only (its listeners see it as a cluster message). */
  abstract sendTo(instanceId: string, message: ClusterMessage): void;
  abstract onClusterMessage(
    listener: (message: ClusterMessage, fromInstance: string) => void,
  ): void;
  /** After an outage of the transport: whatever came from other instances meanwhile was lost. */
  abstract onRecovered(listener: () => void): void;
  /** 'up', or 'down' while the transport is unreachable (health reports it). */
  abstract status(): 'up' | 'down';
}

export function serialiseEvent(event: ChargePointEvent, origin: string): string {
  return JSON.stringify({
    o: origin,
    c: event.chargePointId,
    n: event.name,
    s: event.seq,
    a: event.at,
    d: event.data,
  });
}

export function deserialiseEvent(text: string): { event: ChargePointEvent; origin: string } {
  const m = JSON.parse(text) as {
    o: string;
    c: string;
    n: ChargePointEvent['name'];
    s: number;
    a: string;
    d: never;
  };
  return { event: new ChargePointEvent(m.c, m.n, m.s, m.a, m.d), origin: m.o };
}

/** The events after sinceSeq, when `held` (in seq order) has every one of them. */
export function contiguousSince(
  held: ChargePointEvent[],
  sinceSeq: number,
): ChargePointEvent[] | null {
  if (held.length === 0) return null;
  const last = held[held.length - 1].seq;
  if (sinceSeq > last) return null;
  const after = held.filter((e) => e.seq > sinceSeq);
  if (after.length === 0) return [];
  // every seq from sinceSeq+1 to last must be there
  return after[0].seq === sinceSeq + 1 && after.length === last - sinceSeq ? after : null;
}
