/**
 * How a failure maps to HTTP. Domain code says what happened (`kind`) and a stable `code`;
 * only the global filter decides the status.
 */
export type ErrorKind =
  | 'invalid' // 400: the request is malformed or breaks a field rule
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: clashes with current state (duplicate key with another body...)
  | 'gone' // 410
  | 'too_large' // 413
  | 'unprocessable' // 422: well-formed but breaks a business rule
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a dependency is down

export const ERROR_KIND_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** One broken rule on one field (`lines[2].quantity` / `min`). */
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/** Base of every expected failure. `code` is stable API: clients switch on it. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly violations: FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(violations: FieldViolation[], code = 'REQUEST.VALIDATION_FAILED') {
    super(code, 'invalid', `Validation failed: ${violations.map((v) => `${v.field} (${v.rule})`).join(', ')}`, {}, violations);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'not_found', message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'conflict', message, details);
  }
}
