import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Clock, DomainError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { FixedWindowRateLimiter, type RateLimitResult } from './rate-limiter';
import { RateLimitRepository } from './rate-limit.repository';

export type LimitName = 'ip' | 'auth_ip' | 'api_key' | 'subject';

export class RateLimitedError extends DomainError {
  constructor(
    readonly result: RateLimitResult,
    limit: LimitName,
  ) {
    super('REQUEST.RATE_LIMITED', 'rate_limited', 'Too many requests; retry after the time in Retry-After', {
      limit,
      retryAfterSeconds: Math.max(1, Math.ceil(result.resetMs / 1000)),
    });
  }
}

/**
 * Per client address, per API key and per token subject limits (RATE_LIMIT_* variables).
 *
 * Across gateway instances: each instance counts in memory (no database call on the request
 * path) and every RATE_LIMIT_SYNC_MS adds its new hits to a shared counter per key and window
 * (database) and learns the total. Accuracy: a key can pass its limit by at most what the OTHER
 * instances admitted for it since their last sync, i.e. about (instances - 1) x its request rate
 * per instance x RATE_LIMIT_SYNC_MS (at 1 s and 20 req/s per instance with two instances: 20 over
 * a limit of 1200 per minute, under 2 %). With RATE_LIMIT_SYNC_MS=0 each instance limits alone.
 */
@Injectable()
export class RateLimitService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitService.name);
  private readonly limiter: FixedWindowRateLimiter;
  private timer: NodeJS.Timeout | null = null;
  private lastCleanup = 0;

  constructor(
    private readonly env: GatewayEnv,
    private readonly clock: Clock,
    private readonly metrics: GatewayMetrics,
    private readonly shared: RateLimitRepository,
  ) {
    this.limiter = new FixedWindowRateLimiter(env.RATE_LIMIT_WINDOW_MS);
  }

  onModuleInit(): void {
    if (this.env.RATE_LIMIT_SYNC_MS <= 0) return;
    this.timer = setInterval(() => void this.sync(), this.env.RATE_LIMIT_SYNC_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Report this instance's new hits to the shared counters and learn every instance's total. */
  async sync(): Promise<void> {
    const deltas = this.limiter.drainUnsynced();
    try {
      for (const t of await this.shared.addAndRead(deltas)) this.limiter.learnTotal(t.key, t.start, t.total);
      const now = this.clock.now().getTime();
      if (now - this.lastCleanup > this.env.RATE_LIMIT_WINDOW_MS) {
        this.lastCleanup = now;
        await this.shared.deleteBefore(now - 2 * this.env.RATE_LIMIT_WINDOW_MS);
      }
    } catch (err) {
      // Those hits stay counted here, not elsewhere: the limit is looser until the next sync.
      this.logger.warn({ msg: 'rate-limit sync failed', error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Counts one request from an address; throws RateLimitedError when over. */
  address(ip: string, authEndpoint: boolean): RateLimitResult {
    const result = this.check('ip', `ip:${ip}`, this.env.RATE_LIMIT_PER_IP);
    if (!authEndpoint) return result;
    return this.check('auth_ip', `auth:${ip}`, this.env.RATE_LIMIT_AUTH_PER_IP);
  }

  /** Counts one request of an authenticated caller. */
  caller(actor: Actor): RateLimitResult {
    return actor.role === 'pos'
      ? this.check('api_key', `key:${actor.id}`, this.env.RATE_LIMIT_PER_API_KEY)
      : this.check('subject', `sub:${actor.role}:${actor.id}`, this.env.RATE_LIMIT_PER_SUBJECT);
  }

  private check(name: LimitName, key: string, limit: number): RateLimitResult {
    const result = this.limiter.hit(key, limit, this.clock.now().getTime());
    if (!result.allowed) {
      this.metrics.rateLimitRejected(name);
      throw new RateLimitedError(result, name);
    }
    return result;
  }
}
