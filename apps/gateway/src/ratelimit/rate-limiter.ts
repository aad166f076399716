/** The state of one limit after a hit: what the RateLimit-* headers say. */
export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window counters in memory: right for one gateway instance (several instances would need
 * a shared store such as Redis). Old windows are swept as the map grows.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  hit(key: string, limit: number, nowMs: number): RateLimitResult {
    const start = nowMs - (nowMs % this.windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size >= this.maxKeys) this.sweep(start);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    const resetMs = start + this.windowMs - nowMs;
    if (w.count >= limit) return { allowed: false, limit, remaining: 0, resetMs };
    w.count++;
    return { allowed: true, limit, remaining: limit - w.count, resetMs };
  }

  private sweep(currentStart: number): void {
    for (const [key, w] of this.windows) if (w.start !== currentStart) this.windows.delete(key);
    // Still full of live keys (an address flood): drop the oldest entries rather than grow without bound.
    if (this.windows.size >= this.maxKeys) {
      const drop = Math.ceil(this.maxKeys / 10);
      let i = 0;
      for (const key of this.windows.keys()) {
        if (i++ >= drop) break;
        this.windows.delete(key);
      }
    }
  }
}
