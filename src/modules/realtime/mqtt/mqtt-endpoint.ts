import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import { Aedes, type Client, type Subscription } from 'aedes';
import {
  GetChargePointAccessQuery,
  ListVisibleChargePointIdsQuery,
} from '../../../common/contracts/access.js';
import type { ChannelsConfig, RealtimeConfig } from '../../../config/index.js';
import { RealtimeHub } from '../realtime-hub.js';
import { CLOSE } from '../realtime-protocol.js';
import type { UserSession } from '../user-session.js';
import { UserSessions } from '../user-sessions.js';
import { MqttSessionChannel } from './mqtt-session-channel.js';
import { parseTopicFilter } from './mqtt-topics.js';

/** CONNACK return codes of MQTT 3.1.1 */
const REFUSED = { IDENTIFIER: 2, UNAVAILABLE: 3, BAD_CREDENTIALS: 4, NOT_AUTHORIZED: 5 } as const;

// Contract section 8: an MQTT endpoint (off unless MQTT_PORT is set) with an embedded aedes
// broker. The broker speaks the protocol; who may connect, what may be subscribed and what each
// client receives is the shared user session's: aedes never routes a message itself (no client may
// publish), every message is published to the one client whose session it is.
@Injectable()
export class MqttEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mqtt');
  private readonly config: ChannelsConfig;
  private readonly realtime: RealtimeConfig;
  private broker?: Aedes;
  private server?: Server;
  private readonly sessions = new WeakMap<
    Client,
    { session: UserSession; channel: MqttSessionChannel }
  >();

  constructor(
    private readonly userSessions: UserSessions,
    private readonly hub: RealtimeHub,
    private readonly queries: QueryBus,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<ChannelsConfig>('channels');
    this.realtime = config.getOrThrow<RealtimeConfig>('realtime');
  }

  /** The port it listens on (MQTT_PORT, or the one picked for 0); undefined when off. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mqttPort === undefined) return;
    const broker = await Aedes.createBroker({
      authenticate: (client, _username, password, done) =>
        void this.authenticate(client, password).then(
          (code) =>
            done(code ? Object.assign(new Error('refused'), { returnCode: code }) : null, !code),
          () =>
            done(Object.assign(new Error('refused'), { returnCode: REFUSED.UNAVAILABLE }), false),
        ),
      authorizePublish: (_client, _packet, done) => done(new Error('the topics are read-only')),
      authorizeSubscribe: (client, sub, done) =>
        void this.authorizeSubscribe(client, sub).then(
          (granted) => done(null, granted),
          () => done(null, null),
        ),
    });
    broker.on('subscribe', (subs, client) =>
      this.subscribed(subs, client).catch((err) =>
        this.logger.error(`MQTT subscribe of ${client.id} failed: ${String(err)}`),
      ),
    );
    broker.on('unsubscribe', (topics, client) => this.unsubscribed(topics, client));
    this.broker = broker;
    this.server = createServer((socket) => broker.handle(socket));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.config.mqttPort, this.config.mqttHost, () => resolve());
    });
    this.logger.log(`MQTT on ${this.config.mqttHost}:${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    const broker = this.broker;
    if (!server || !broker) return;
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The password is the JWT; the username is not used. Clean sessions only (see docs). */
  private async authenticate(client: Client, password: Buffer | undefined): Promise<number> {
    if (!client.clean) return REFUSED.IDENTIFIER;
    const admitted = await this.userSessions.admit(password?.toString('utf8'));
    if (admitted === 'no_token' || admitted === 'bad_token') return REFUSED.BAD_CREDENTIALS;
    if (admitted === 'too_many_sessions') return REFUSED.UNAVAILABLE;
    // the session starts here, not on clientReady: a fast client's SUBSCRIBE can come first
    const channel = new MqttSessionChannel(client);
    const session = this.userSessions.open(channel, admitted, { remembered: false });
    this.sessions.set(client, { session, channel });
    client.conn.once('close', () => this.gone(client));
    return 0;
  }

  private gone(client: Client): void {
    const s = this.sessions.get(client);
    if (s) this.userSessions.closed(s.session);
    this.sessions.delete(client);
  }

  // On subscribe and, through the session, on every delivery: a charger one may not see is
  // refused (SUBACK 0x80), exactly as /ws/users answers not_found.
  private async authorizeSubscribe(
    client: Client,
    sub: Subscription,
  ): Promise<Subscription | null> {
    const s = this.sessions.get(client);
    const wanted = parseTopicFilter(sub.topic);
    if (!s || !wanted) return null;
    const rate = s.session.countMessage();
    if (rate === 'abusive') {
      s.session.close(CLOSE.POLICY, 'message rate limit exceeded');
      return null;
    }
    if (rate === 'limited') return null;
    const qos = Math.min(sub.qos, 1) as 0 | 1;
    if (wanted === 'all') {
      // the wildcard follows every visible charger; an admin's would be every charger there is
      const visible = await this.queries.execute(
        new ListVisibleChargePointIdsQuery(s.session.viewer),
      );
      return visible === 'all' ? null : { ...sub, qos };
    }
    const { chargePointId } = wanted;
    const full =
      !s.session.subscriptions.has(chargePointId) &&
      s.session.subscriptions.size >= this.realtime.maxSubscriptions;
    if (full) return null;
    const access = await this.queries.execute(
      new GetChargePointAccessQuery(s.session.viewer, chargePointId),
    );
    return access ? { ...sub, qos } : null;
  }

  private async subscribed(subs: Subscription[], client: Client): Promise<void> {
    const s = this.sessions.get(client);
    if (!s) return;
    for (const sub of subs) {
      const wanted = parseTopicFilter(sub.topic);
      if (!wanted) continue;
      const qos = Math.min(sub.qos, 1) as 0 | 1;
      const ids = wanted === 'all' ? await this.visible(s.session) : [wanted.chargePointId];
      for (const chargePointId of ids) {
        if (!s.session.open) return;
        s.channel.follow(chargePointId, qos);
        await this.hub.subscribe(s.session, chargePointId);
      }
    }
  }

  private async visible(session: UserSession): Promise<string[]> {
    const visible = await this.queries.execute(new ListVisibleChargePointIdsQuery(session.viewer));
    if (visible === 'all') return [];
    const room = this.realtime.maxSubscriptions - session.subscriptions.size;
    return visible.filter((id) => !session.subscriptions.has(id)).slice(0, Math.max(0, room));
  }

  private unsubscribed(topics: string[], client: Client): void {
    const s = this.sessions.get(client);
    if (!s) return;
    for (const topic of topics) {
      const wanted = parseTopicFilter(topic);
      if (!wanted) continue;
      const ids = wanted === 'all' ? [...s.session.subscriptions.keys()] : [wanted.chargePointId];
      for (const chargePointId of ids) {
        // the client asked: it is told nothing more on that topic
        s.channel.unfollow(chargePointId);
        this.hub.unsubscribe(s.session, chargePointId, 'requested');
      }
    }
  }
}
