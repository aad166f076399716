import type { NextFunction, Request, Response } from 'express';
import { EventHeaders } from '@app/contracts';
import { normaliseCorrelationId, RequestContext } from '../context/request-context';

/** Express middleware: take or mint `x-correlation-id`, echo it, run the request in its context. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const correlationId = normaliseCorrelationId(req.header(EventHeaders.correlationId));
  res.setHeader(EventHeaders.correlationId, correlationId);
  RequestContext.run({ correlationId, causationId: null }, () => next());
}
