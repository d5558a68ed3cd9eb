// setTimeout never takes more than 2^31-1 ms: a longer delay would fire at once.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Waits `ms`, or less when one of the signals aborts. Resolves true when the whole time passed,
 * false when a signal cut it short. Leaves no timer or listener behind either way; an infinite
 * delay just waits for a signal.
 */
export function sleep(ms: number, ...signals: AbortSignal[]): Promise<boolean> {
  if (signals.some((s) => s.aborted)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = ms < MAX_TIMER_MS ? setTimeout(() => done(true), Math.max(0, ms)) : undefined;
    const onAbort = () => done(false);
    function done(full: boolean) {
      if (timer) clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
      resolve(full);
    }
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  });
}
