import type { ServerResponse } from 'node:http';
import type { FrameMeta, SessionChannel } from '../session-channel.js';
import { formatPosition } from './stream-position.js';

// GET /api/v1/stream: each session message is one SSE message, its `event:` the message's type,
// its `data:` the JSON /ws/users would send, its `id:` the stream position (every followed
// charger's last seq). The client cannot talk back, so no idle timeout: a comment line every
// heartbeat keeps proxies from closing a quiet stream, and a dead client shows as bytes that
// pile up (the slow-consumer policy) or as the connection's close.
export class SseSessionChannel implements SessionChannel {
  readonly kind = 'sse';
  readonly idles = false;
  private readonly position = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs: number,
  ) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx would otherwise buffer the stream
      'X-Accel-Buffering': 'no',
    });
    res.write(': voltline stream\n\n');
    this.heartbeat = setInterval(() => this.open && res.write(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
    res.once('close', () => clearInterval(this.heartbeat));
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  get pendingBytes(): number {
    return this.res.writableLength;
  }

  send(frame: string, meta: FrameMeta): void {
    if (meta.chargePointId !== undefined) {
      if (meta.type === 'unsubscribed') this.position.delete(meta.chargePointId);
      else if (meta.seq !== undefined) this.position.set(meta.chargePointId, meta.seq);
    }
    this.res.write(`event: ${meta.type}\nid: ${formatPosition(this.position)}\ndata: ${frame}\n\n`);
  }

  /** The stream ends with a `close` message saying why (4401: reconnect with a fresh token). */
  close(code: number, reason: string): void {
    clearInterval(this.heartbeat);
    if (!this.open) return;
    this.res.end(`event: close\ndata: ${JSON.stringify({ type: 'close', code, reason })}\n\n`);
    // a client that does not read may never take the end of the stream
    setTimeout(() => this.res.destroy(), 2000).unref();
  }

  probe(): void {}
}
