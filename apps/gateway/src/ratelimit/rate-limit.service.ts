import { Injectable } from '@nestjs/common';
import { Clock, DomainError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { FixedWindowRateLimiter, type RateLimitResult } from './rate-limiter';

export type LimitName = 'ip' | 'auth_ip' | 'api_key' | 'subject';

export class RateLimitedError extends DomainError {
  constructor(readonly result: RateLimitResult, limit: LimitName) {
    super('REQUEST.RATE_LIMITED', 'rate_limited', 'Too many requests; retry after the time in Retry-After', { limit, retryAfterSeconds: Math.max(1, Math.ceil(result.resetMs / 1000)) });
  }
}

/** Per client address, per API key and per token subject limits (RATE_LIMIT_* variables). */
@Injectable()
export class RateLimitService {
  private readonly limiter: FixedWindowRateLimiter;

  constructor(
    private readonly env: GatewayEnv,
    private readonly clock: Clock,
    private readonly metrics: GatewayMetrics,
  ) {
    this.limiter = new FixedWindowRateLimiter(env.RATE_LIMIT_WINDOW_MS);
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
