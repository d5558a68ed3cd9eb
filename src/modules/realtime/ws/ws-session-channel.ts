import type WebSocket from 'ws';
import type { SessionChannel } from '../session-channel.js';

// /ws/users: the session's frames are the socket's text frames, its close codes the socket's.
export class WsSessionChannel implements SessionChannel {
  readonly kind = 'ws';
  readonly idles = true;

  constructor(private readonly socket: WebSocket) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  get pendingBytes(): number {
    return this.socket.bufferedAmount;
  }

  send(frame: string): void {
    this.socket.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED) return;
    this.socket.close(code, reason);
    // a client that does not read may never answer the close frame
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  probe(): void {
    this.socket.ping();
  }
}
