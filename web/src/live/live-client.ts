import { applyEvent, type ChargerView, fromSnapshot, noteOn } from './charger-view.js';
import type { ServerMessage } from './types.js';

// The /ws/users client: one connection for the whole page, the chargers it wants followed, and
// every charger's state kept from the snapshot, the events and their seq. After a reconnect it
// resumes each charger with sinceSeq (the server replays what was missed, or sends a fresh
// snapshot); a resync replaces the state. This is the reference client of docs/realtime-api.md.

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveClientOptions {
  /** ws(s)://host/ws/users */
  url: string;
  token: string;
  /** The token expired or was refused: the user must log in again. */
  onExpired: () => void;
  /** Is the token still good? Asked when a connection closes before it ever opened. */
  checkToken: () => Promise<boolean>;
}

export interface Notice {
  id: number;
  text: string;
}

const MAX_BACKOFF_MS = 30_000;
/** Below the server's REALTIME_RATE_LIMIT_PER_10S default (100): a long list resubscribes paced. */
const MESSAGES_PER_10S = 80;

export class LiveClient {
  state: ConnectionState = 'connecting';
  readonly views = new Map<string, ChargerView>();
  notices: Notice[] = [];
  /** How the last (re)connection picked up, for the connection indicator. */
  lastResume: string | null = null;
  /** Chargers lost while followed (access withdrawn, gone): lists leave them out. */
  readonly gone = new Set<string>();
  private readonly wanted = new Set<string>();
  private socket: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  /** subscribe message id -> charger, to place an error answer */
  private readonly pending = new Map<string, string>();
  /** Messages waiting for the rate budget, and when the last ones went. */
  private outbox: Array<Record<string, unknown>> = [];
  private sentAt: number[] = [];
  private pump: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: LiveClientOptions) {
    this.connect();
  }

  /** Follow these chargers too (those of the page shown); followed ones stay followed. */
  follow(ids: readonly string[]): void {
    for (const id of ids) {
      this.gone.delete(id);
      if (this.wanted.has(id)) continue;
      this.wanted.add(id);
      if (this.state === 'live') this.subscribe(id);
    }
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dismiss(noticeId: number): void {
    this.notices = this.notices.filter((n) => n.id !== noticeId);
    this.emit();
  }

  stop(): void {
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    if (this.pump) clearTimeout(this.pump);
    this.socket?.close(1000, 'logged out');
    this.socket = null;
    this.emit();
  }

  private connect(): void {
    const url = `${this.options.url}?access_token=${encodeURIComponent(this.options.token)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.attempts = 0;
      this.state = 'live';
      this.pending.clear();
      this.outbox = []; // what waited was for the old connection; the loop below redoes it
      for (const id of this.wanted) this.subscribe(id);
      this.emit();
    };
    socket.onmessage = (e) => {
      if (typeof e.data === 'string') this.receive(JSON.parse(e.data) as ServerMessage);
    };
    socket.onclose = (e) => {
      if (this.socket !== socket || this.state === 'stopped') return;
      this.socket = null;
      if (e.code === 4401) return this.options.onExpired();
      // a refused handshake (401 among others) looks like a plain 1006 to a browser
      if (!opened)
        void this.options.checkToken().then((ok) => (ok ? this.retry() : this.options.onExpired()));
      else this.retry();
    };
  }

  private retry(): void {
    if (this.state === 'stopped') return;
    this.state = 'reconnecting';
    this.emit();
    // exponential backoff with jitter: 0.5-1 s, then doubling up to 30 s
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempts++);
    this.timer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
  }

  private subscribe(chargePointId: string): void {
    const known = this.views.get(chargePointId);
    const id = String(this.nextId++);
    this.pending.set(id, chargePointId);
    this.send({
      action: 'subscribe',
      chargePointId,
      id,
      // resume from the last message applied: nothing lost, nothing twice
      ...(known ? { sinceSeq: known.seq } : {}),
    });
  }

  // The server drops messages past its rate limit (and closes a session far past it): keep
  // under it however many chargers a page follows.
  private send(msg: Record<string, unknown>): void {
    this.outbox.push(msg);
    this.flush();
  }

  private flush(): void {
    if (this.pump) return;
    const now = Date.now();
    this.sentAt = this.sentAt.filter((t) => t > now - 10_000);
    while (this.outbox.length && this.sentAt.length < MESSAGES_PER_10S) {
      if (this.socket?.readyState !== WebSocket.OPEN) return;
      this.socket.send(JSON.stringify(this.outbox.shift()));
      this.sentAt.push(now);
    }
    if (this.outbox.length)
      this.pump = setTimeout(
        () => {
          this.pump = null;
          this.flush();
        },
        this.sentAt[0] + 10_000 - now,
      );
  }

  private receive(msg: ServerMessage): void {
    const now = Date.now();
    switch (msg.type) {
      case 'subscribed': {
        if (msg.id) this.pending.delete(msg.id);
        const view = this.views.get(msg.chargePointId);
        if (msg.snapshot) {
          this.views.set(
            msg.chargePointId,
            fromSnapshot(msg.snapshot, msg.seq, view, view ? 'Fresh snapshot' : 'Subscribed', now),
          );
        } else if (view) {
          this.lastResume = `resumed from seq ${msg.resumedFrom ?? view.seq}`;
          this.views.set(
            msg.chargePointId,
            noteOn(
              view,
              `Resumed from seq ${msg.resumedFrom ?? view.seq} (replay to ${msg.seq})`,
              now,
            ),
          );
        }
        this.wanted.add(msg.chargePointId); // remembered subscriptions come unasked
        break;
      }
      case 'event': {
        const view = this.views.get(msg.chargePointId);
        if (view) this.views.set(msg.chargePointId, applyEvent(view, msg, now));
        break;
      }
      case 'resync': {
        const view = this.views.get(msg.chargePointId);
        this.views.set(
          msg.chargePointId,
          fromSnapshot(msg.snapshot, msg.seq, view, 'Resynced', now),
        );
        break;
      }
      case 'unsubscribed':
        this.forget(msg.chargePointId);
        if (msg.reason === 'access_revoked')
          this.notify(`Your access to ${msg.chargePointId} was withdrawn.`);
        break;
      case 'error': {
        // a charger we may no longer see (or that is gone) answers its subscribe not_found
        const chargePointId = msg.id ? this.pending.get(msg.id) : undefined;
        if (msg.id) this.pending.delete(msg.id);
        if (chargePointId && msg.code === 'not_found') {
          this.forget(chargePointId);
          this.notify(`${chargePointId} is not available to you.`);
        }
        break;
      }
      default:
        return;
    }
    this.emit();
  }

  private forget(chargePointId: string): void {
    this.wanted.delete(chargePointId);
    this.views.delete(chargePointId);
    this.gone.add(chargePointId);
  }

  private notify(text: string): void {
    this.notices = [...this.notices, { id: this.nextId++, text }];
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
