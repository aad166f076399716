import { DomainError, ERROR_KIND_STATUS, type ErrorKind } from '@app/common';

/** A downstream JSON body, or null when it is empty or not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : null;
  } catch {
    return null;
  }
}

/** A service's own refusal (problem+json) as the same code and status from the gateway. */
export function relayProblem(status: number, body: unknown): DomainError {
  const kind = (Object.entries(ERROR_KIND_STATUS).find(([, s]) => s === status)?.[0] ?? 'invalid') as ErrorKind;
  const problem = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; detail?: unknown };
  const code = typeof problem.code === 'string' ? problem.code : 'GATEWAY.DOWNSTREAM_REFUSED';
  const detail = typeof problem.detail === 'string' ? problem.detail : `The service answered ${status}`;
  return new DomainError(code, kind, detail);
}
