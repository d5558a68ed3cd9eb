import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type DomainErrorCode,
  UpstreamTimeoutError,
} from '../../common/errors/domain-error.js';
import { type ClusterMessage, EventTransport } from './event-transport.js';

type Handler = (body: unknown) => Promise<unknown>;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface WireError {
  code: DomainErrorCode;
  message: string;
  details: Record<string, string | number | null>;
}

// Request and reply between instances, over the event transport's directed messages: a command
// for a charger held by another instance runs there, and its answer (or its DomainError) comes
// back here. A request that gets no reply in time (its instance died) fails with a timeout.
@Injectable()
export class ClusterRequests {
  private readonly handlers = new Map<string, Handler>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly transport: EventTransport) {
    transport.onClusterMessage((m, from) => this.onMessage(m, from));
  }

  /** Answers the requests of this kind that other instances send to this one. */
  handle(kind: string, handler: Handler): void {
    this.handlers.set(kind, handler);
  }

  request(instanceId: string, kind: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new UpstreamTimeoutError('The instance that holds the charger did not answer'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.transport.sendTo(instanceId, { kind: 'request', id, op: kind, body });
    });
  }

  private onMessage(message: ClusterMessage, from: string): void {
    if (message.kind === 'request') void this.answer(message, from);
    else if (message.kind === 'reply') this.settle(message);
  }

  private async answer(message: ClusterMessage, from: string): Promise<void> {
    const handler = this.handlers.get(message.op as string);
    const reply: ClusterMessage = { kind: 'reply', id: message.id };
    try {
      if (!handler) throw new Error(`no handler for ${String(message.op)}`);
      reply.value = await handler(message.body);
    } catch (err) {
      reply.error = toWire(err);
    }
    this.transport.sendTo(from, reply);
  }

  private settle(message: ClusterMessage): void {
    const waiting = this.pending.get(message.id as string);
    if (!waiting) return; // timed out already
    this.pending.delete(message.id as string);
    clearTimeout(waiting.timer);
    const error = message.error as WireError | undefined;
    if (error) waiting.reject(new DomainError(error.code, error.message, error.details));
    else waiting.resolve(message.value);
  }
}

function toWire(err: unknown): WireError {
  if (err instanceof DomainError)
    return { code: err.code, message: err.message, details: err.details };
  return {
    code: 'persistence_failed',
    message: 'The request failed on another instance',
    details: {},
  };
}
