import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { toProblem } from '../errors/problem.filter';

export const OVERLOADED_CODE = 'PLATFORM.OVERLOADED';

/** Paths never shed: probes and scrapes must answer when the service is busiest. */
const OPERATIONAL_PATH = /^\/(health|metrics)(\/|$)/;

export interface OverloadOptions {
  /** Requests handled at once by this instance; the next one is refused. */
  maxInFlight: number;
  /** Seconds the caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
  /** Called for each refused request (metrics). */
  onShed?: () => void;
}

/**
 * Bounded in-flight work per instance. When `maxInFlight` requests are being handled, the next
 * one is answered at once with 503, `Retry-After` and the stable code PLATFORM.OVERLOADED instead
 * of queueing behind the others until its caller times out (a till retries the same transaction
 * id after Retry-After; the sale is idempotent). Health and metrics are never refused.
 */
export function overloadMiddleware(options: OverloadOptions): ((req: Request, res: Response, next: NextFunction) => void) & { inFlight(): number } {
  let inFlight = 0;
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (OPERATIONAL_PATH.test(req.path)) return next();
    if (inFlight >= options.maxInFlight) {
      options.onShed?.();
      const problem = toProblem(
        new DomainError(
          OVERLOADED_CODE,
          'unavailable',
          `This instance is handling ${options.maxInFlight} requests; retry after ${options.retryAfterSeconds} s`,
          { retryAfterSeconds: options.retryAfterSeconds },
        ),
        RequestContext.correlationId(),
        req.originalUrl.split('?')[0],
      );
      res.setHeader('retry-after', String(options.retryAfterSeconds));
      res.setHeader('connection', 'keep-alive');
      res.status(problem.status).type('application/problem+json').json(problem);
      return;
    }
    inFlight += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    };
    res.on('finish', release);
    res.on('close', release);
    next();
  };
  return Object.assign(middleware, { inFlight: () => inFlight });
}
