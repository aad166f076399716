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
  /** Hits this instance admitted in the window. */
  count: number;
  /** Of those, not yet reported to the shared store. */
  unsynced: number;
  /** Hits the other instances admitted in the window, as last learned from the shared store. */
  others: number;
}

/** One key's hits to report to the shared store. */
export interface WindowDelta {
  key: string;
  start: number;
  delta: number;
}

/**
 * Fixed-window counters in memory. With several gateway instances, each reports its new hits to a
 * shared store (drainUnsynced) and learns the window's total (learnTotal): a key is refused when
 * its own plus the others' hits reach the limit. Old windows are swept as the map grows.
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
      w = { start, count: 0, unsynced: 0, others: 0 };
      this.windows.set(key, w);
    }
    const resetMs = start + this.windowMs - nowMs;
    const used = w.count + w.others;
    if (used >= limit) return { allowed: false, limit, remaining: 0, resetMs };
    w.count++;
    w.unsynced++;
    return { allowed: true, limit, remaining: limit - used - 1, resetMs };
  }

  /** Hits admitted since the last call, per key and window (to add to the shared store). */
  drainUnsynced(): WindowDelta[] {
    const out: WindowDelta[] = [];
    for (const [key, w] of this.windows) {
      if (w.unsynced === 0) continue;
      out.push({ key, start: w.start, delta: w.unsynced });
      w.unsynced = 0;
    }
    return out;
  }

  /** The shared store's total for a key's window (every instance's reported hits). */
  learnTotal(key: string, start: number, total: number): void {
    const w = this.windows.get(key);
    if (!w || w.start !== start) return;
    // Own hits not yet reported are in `count` but not in `total`.
    w.others = Math.max(0, total - (w.count - w.unsynced));
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
