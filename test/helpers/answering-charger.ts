import type { OcppTestClient } from './charger.js';

export type CallHandler = (params: Record<string, unknown>) => Promise<unknown> | unknown;

export interface ReceivedCall {
  action: string;
  params: Record<string, unknown>;
}

/**
 * Makes a connected test charger (1.6 or 2.0.1) answer the server's CALLs with `handlers`, and
 * records each CALL it receives, in order.
 */
export function answerCalls(
  client: OcppTestClient,
  handlers: Record<string, CallHandler>,
): ReceivedCall[] {
  const cp = client as OcppTestClient & {
    handle(action: string, h: (call: { params: Record<string, unknown> }) => unknown): void;
  };
  const received: ReceivedCall[] = [];
  for (const [action, h] of Object.entries(handlers)) {
    cp.handle(action, async ({ params }) => {
      received.push({ action, params });
      return h(params);
    });
  }
  return received;
}
