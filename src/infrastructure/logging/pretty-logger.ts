import type { LoggerService } from '@nestjs/common';

type Level = 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const COLOUR: Record<Level, string> = { error: '31', warn: '33', info: '32', debug: '90' };
// Nest's own start-up chatter (a line per module and per route): on a terminal it buries the
// banner, so it shows at LOG_LEVEL=debug only
const FRAMEWORK = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
]);

// Readable lines for a terminal (LOG_FORMAT=pretty, the default on one):
//   07:12:03.512 INFO  [HTTP] GET /api/v1/users/me 200 requestId=... durationMs=1.2
// The same input as JsonLogger: a message may be an object whose `msg` is the text and whose
// other fields are appended as key=value, rather than printed as `Object(4) { ... }`.
export class PrettyLogger implements LoggerService {
  constructor(
    private readonly level: Level = 'info',
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly colour = (out as { isTTY?: boolean }).isTTY === true,
  ) {}

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

  private write(given: Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context last (and, for errors, a stack before it)
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const level = given === 'info' && context && FRAMEWORK.has(context) ? 'debug' : given;
    if (RANK[level] > RANK[this.level]) return;
    const stack =
      level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    let text: string;
    let fields: Record<string, unknown> = {};
    if (message instanceof Error) text = message.message;
    else if (message && typeof message === 'object') {
      const { msg, ...others } = message as { msg?: unknown };
      text = msg === undefined ? '' : String(msg);
      fields = others;
    } else text = String(message);
    const time = new Date().toISOString().slice(11, 23);
    const tag = level.toUpperCase().padEnd(5);
    const line = [
      this.colour ? `\x1b[90m${time}\x1b[0m` : time,
      this.colour ? `\x1b[${COLOUR[level]}m${tag}\x1b[0m` : tag,
      ...(context ? [this.colour ? `\x1b[36m[${context}]\x1b[0m` : `[${context}]`] : []),
      text,
      ...Object.entries(fields).map(([k, v]) => `${k}=${formatValue(v)}`),
    ].join(' ');
    this.out.write(`${line}\n${stack ? `${stack}\n` : ''}`);
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}
