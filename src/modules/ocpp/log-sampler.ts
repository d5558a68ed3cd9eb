// One charger that sends nothing but bad messages must not fill the logs (nor cost a log line per
// message): per key, the first line of each window is written, with how many were left out since.
export class LogSampler {
  private readonly windows = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly windowMs = 10_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** null: leave this one out; otherwise how many of this key were left out before it. */
  admit(key: string, now = Date.now()): number | null {
    const w = this.windows.get(key);
    if (w && now < w.until) {
      w.suppressed++;
      return null;
    }
    const suppressed = w?.suppressed ?? 0;
    this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(key, { until: now + this.windowMs, suppressed: 0 });
    return suppressed;
  }
}
