import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  it('allows up to the limit in a window, refuses after, and recovers in the next window', () => {
    const limiter = new FixedWindowRateLimiter(1000);
    const t0 = 10_000;
    expect(limiter.hit('ip:1', 2, t0)).toEqual({ allowed: true, limit: 2, remaining: 1, resetMs: 1000 });
    expect(limiter.hit('ip:1', 2, t0 + 100)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.hit('ip:1', 2, t0 + 200)).toEqual({ allowed: false, limit: 2, remaining: 0, resetMs: 800 });
    expect(limiter.hit('ip:2', 2, t0 + 200)).toMatchObject({ allowed: true });
    expect(limiter.hit('ip:1', 2, t0 + 1000)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('keeps its memory bounded', () => {
    const limiter = new FixedWindowRateLimiter(1000, 10);
    for (let i = 0; i < 100; i++) limiter.hit(`ip:${i}`, 5, 5000);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10);
  });

  it('counts the hits other instances reported: refused when own plus others reach the limit', () => {
    const limiter = new FixedWindowRateLimiter(1000);
    const t0 = 10_000;
    expect(limiter.hit('key:1', 5, t0)).toMatchObject({ allowed: true, remaining: 4 });
    expect(limiter.drainUnsynced()).toEqual([{ key: 'key:1', start: t0, delta: 1 }]);
    expect(limiter.drainUnsynced()).toEqual([]);
    expect(limiter.hit('key:1', 5, t0 + 1)).toMatchObject({ allowed: true, remaining: 3 });
    // The store says 4 hits in all: 1 reported by us, 3 by others; our second hit is not reported yet.
    limiter.learnTotal('key:1', t0, 4);
    expect(limiter.hit('key:1', 5, t0 + 2)).toEqual({ allowed: false, limit: 5, remaining: 0, resetMs: 998 });
    expect(limiter.drainUnsynced()).toEqual([{ key: 'key:1', start: t0, delta: 1 }]);
    // A total for an older window is ignored.
    limiter.learnTotal('key:1', t0 - 1000, 99);
    expect(limiter.hit('key:1', 5, t0 + 1000)).toMatchObject({ allowed: true, remaining: 4 });
  });
});
