import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { RequestContext } from '../context/request-context';
import { databaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';
import { DomainError, ERROR_KIND_STATUS, type FieldViolation } from './domain-error';

/** RFC 9457 problem details, plus our stable code and the correlation id. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  correlationId: string | undefined;
  instance?: string;
  errors?: FieldViolation[];
  [extension: string]: unknown;
}

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'REQUEST.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

/** Map any thrown value to a problem body. An unreachable database is a retryable 503; other unknown errors a bare 500. */
export function toProblem(exception: unknown, correlationId: string | undefined, instance?: string): ProblemBody {
  if (isDatabaseUnavailable(exception)) return toProblem(databaseUnavailableError(), correlationId, instance);
  if (exception instanceof DomainError) {
    const status = ERROR_KIND_STATUS[exception.kind];
    return {
      type: `https://loyalty.dev/problems/${exception.code.toLowerCase().replace(/[._]/g, '-')}`,
      title: exception.code,
      status,
      code: exception.code,
      detail: exception.message,
      correlationId,
      instance,
      ...(exception.violations.length ? { errors: exception.violations } : {}),
      ...(Object.keys(exception.details).length ? { details: exception.details } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : exception.message;
    // Nest turns body-parser's SyntaxError (malformed JSON) into a BadRequestException.
    const malformedJson = status === 400 && /JSON/.test(detail);
    const code = malformedJson ? 'REQUEST.MALFORMED_BODY' : (HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID'));
    return {
      type: 'about:blank',
      title: code,
      status,
      code,
      detail: status >= 500 ? 'Internal error' : malformedJson ? `Request body is not valid JSON: ${detail}` : detail,
      correlationId,
      instance,
    };
  }
  const bodyParserStatus = bodyParserErrorStatus(exception);
  if (bodyParserStatus) {
    const code = bodyParserStatus === 413 ? 'REQUEST.TOO_LARGE' : 'REQUEST.MALFORMED_BODY';
    return {
      type: 'about:blank',
      title: code,
      status: bodyParserStatus,
      code,
      detail: bodyParserStatus === 413 ? 'Request body too large' : 'Request body is not valid JSON',
      correlationId,
      instance,
    };
  }
  return {
    type: 'about:blank',
    title: 'INTERNAL',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'INTERNAL',
    detail: 'Internal error',
    correlationId,
    instance,
  };
}

function bodyParserErrorStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { status, type } = e as { status?: unknown; type?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string') return status;
  return undefined;
}

/** Retry-After (seconds) of a 503 problem when no other was set (default of HTTP_RETRY_AFTER_SECONDS). */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The one global filter of every app. HTTP: writes application/problem+json; a 503 (a dependency
 * or the database unreachable) carries `Retry-After`, so callers know to retry. Kafka (rpc):
 * rethrows the original error so the consumer decides between retry and dead-letter.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = toProblem(exception, RequestContext.correlationId(), req.originalUrl?.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception : String(exception), { path: problem.instance });
    }
    if (res.headersSent) return;
    if (problem.status === 503 && !res.hasHeader('retry-after')) res.setHeader('retry-after', String(this.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').json(problem);
  }
}
