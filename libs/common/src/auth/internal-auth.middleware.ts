import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '../context/request-context';
import { toProblem } from '../errors/problem.filter';
import { DomainError } from '../errors/domain-error';
import { INTERNAL_TOKEN_HEADER } from './actor';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Services are reachable only through the gateway: every request except health, docs and metrics
 * must carry the shared internal token. The gateway itself does not use this middleware.
 */
export function internalAuthMiddleware(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    if (path === '/health' || path.startsWith('/health/') || path.startsWith('/docs') || path === '/metrics') return next();
    const given = req.header(INTERNAL_TOKEN_HEADER);
    if (given && sameSecret(given, token)) return next();
    const problem = toProblem(
      new DomainError('AUTH.INTERNAL_ONLY', 'forbidden', 'This service is reachable only through the gateway'),
      RequestContext.correlationId(),
      req.originalUrl.split('?')[0],
    );
    res.status(problem.status).type('application/problem+json').json(problem);
  };
}
