import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// The Prometheus metrics of one app instance (its own registry, so that two apps in one process,
// as in tests, do not collide). Gauges of live state are read when scraped.
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly chargersConnected = new Gauge({
    name: 'voltline_chargers_connected',
    help: 'Chargers with an open OCPP connection to this instance',
    registers: [this.registry],
  });
  readonly userSessions = new Gauge({
    name: 'voltline_user_sessions',
    help: 'Open /ws/users sessions on this instance',
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: 'voltline_subscriptions',
    help: 'Charger subscriptions of the sessions on this instance',
    registers: [this.registry],
  });
  readonly ocppMessages = new Counter({
    name: 'voltline_ocpp_messages_total',
    help: 'OCPP calls from chargers, by action and result (ok or the CALLERROR code)',
    labelNames: ['action', 'result'] as const,
    registers: [this.registry],
  });
  readonly eventsPublished = new Counter({
    name: 'voltline_events_published_total',
    help: 'Charger events published on this instance, by event',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  readonly eventsDelivered = new Counter({
    name: 'voltline_events_delivered_total',
    help: 'Event frames sent to user sessions',
    registers: [this.registry],
  });
  readonly deliveryLatency = new Histogram({
    name: 'voltline_event_delivery_seconds',
    help: 'From the event being recorded (charger message persisted) to its frame sent to a user',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly redisErrors = new Counter({
    name: 'voltline_redis_errors_total',
    help: 'Redis commands that failed',
    registers: [this.registry],
  });
  readonly dbErrors = new Counter({
    name: 'voltline_db_errors_total',
    help: 'Database queries that failed',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'voltline_' });
  }

  /** Registers a function that sets live gauges right before each scrape. */
  onScrape(collect: () => void): void {
    this.collectors.push(collect);
  }

  private readonly collectors: Array<() => void> = [];

  async render(): Promise<string> {
    for (const collect of this.collectors) collect();
    return this.registry.metrics();
  }
}
