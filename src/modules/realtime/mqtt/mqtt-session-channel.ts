import type { Client } from 'aedes';
import type { FrameMeta, SessionChannel } from '../session-channel.js';
import { topicOf } from './mqtt-topics.js';

// MQTT: a session's messages about a charger are published to this one client on the charger's
// topic, and only while the client follows that charger (it subscribed to its topic or to the
// wildcard). Errors and pongs have no topic: the broker answers those in SUBACK and PINGRESP.
// MQTT keep-alive (the broker's) stands in for the idle timeout.
export class MqttSessionChannel implements SessionChannel {
  readonly kind = 'mqtt';
  readonly idles = false;
  /** followed chargers and the QoS granted for them */
  private readonly followed = new Map<string, 0 | 1>();
  /** bytes handed to the broker that it has not written yet */
  private unwritten = 0;
  private closed = false;

  constructor(private readonly client: Client) {}

  follow(chargePointId: string, qos: 0 | 1): void {
    this.followed.set(chargePointId, qos);
  }

  unfollow(chargePointId: string): void {
    this.followed.delete(chargePointId);
  }

  get open(): boolean {
    // while CONNECT is still being answered the client counts as open: nothing is sent before
    // it subscribes, and its SUBSCRIBE may come before the broker says it is ready
    return !this.closed && !this.client.closed && !this.client.conn.destroyed;
  }

  get pendingBytes(): number {
    return this.unwritten + this.client.conn.writableLength;
  }

  send(frame: string, meta: FrameMeta): void {
    const id = meta.chargePointId;
    const qos = id === undefined ? undefined : this.followed.get(id);
    if (id === undefined || qos === undefined || meta.type === 'error') return;
    if (meta.type === 'unsubscribed') this.followed.delete(id);
    const payload = Buffer.from(frame);
    this.unwritten += payload.length;
    this.client.publish(
      { cmd: 'publish', topic: topicOf(id), payload, qos, retain: false, dup: false },
      () => (this.unwritten -= payload.length),
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
  }

  probe(): void {}
}
