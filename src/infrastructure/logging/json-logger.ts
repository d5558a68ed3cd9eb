import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

type Level = 'error' | 'warn' | 'info' | 'debug';

// Nest's logger as JSON lines (pino): one object per line with level, time, context and msg.
// A message may be an object: its fields (chargePointId, requestId, ...) become fields of the line.
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(level: Level = 'info', destination?: NodeJS.WritableStream) {
    this.pino = pino({ level, base: { service: 'voltline' } }, destination ?? process.stdout);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  // Nest passes the context last (and, for errors, a stack before it)
  private write(level: Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack =
      level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    // an object's `msg` is the line's text, not also one of its fields (pino would write it twice)
    const { msg: text, ...fields } =
      message && typeof message === 'object' && !(message instanceof Error)
        ? (message as { msg?: string })
        : {};
    const msg =
      message instanceof Error
        ? message.message
        : typeof message === 'object'
          ? text
          : String(message);
    this.pino[level]({ ...fields, context, ...(stack ? { stack } : {}) }, msg ?? '');
  }
}
