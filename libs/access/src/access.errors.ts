import { DomainError, ValidationFailedError } from '@app/common';

/** Every authentication and authorization error of the platform, one code per rule. */
export const AccessErrors = {
  unauthenticated: (message = 'Authentication required: an API key or a bearer token') => new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', message),
  forbidden: (role: string, what: string, allowed?: readonly string[]) =>
    new DomainError('AUTH.FORBIDDEN', 'forbidden', `Role ${role} may not ${what}`, allowed ? { allowed: [...allowed] } : {}),
  notYourAccount: () => new DomainError('AUTH.NOT_YOUR_ACCOUNT', 'forbidden', 'A customer may act only on their own member account'),
  storeScope: (detail = 'This caller may act only for its own store(s)') => new DomainError('AUTH.STORE_SCOPE', 'forbidden', detail),
  /** A store-bound caller (POS key, store manager) named no store: a 400 naming the field(s). */
  storeIdRequired: (places: readonly string[]) =>
    new ValidationFailedError(
      places.map((place) => ({
        field: place.replace(/^(body|param|query)\./, ''),
        rule: 'storeRequired',
        message: `this caller is bound to stores: the request must name the store (${places.join(' or ')})`,
      })),
      'REQUEST.STORE_ID_REQUIRED',
    ),
  undeclared: (method: string, path: string) =>
    new DomainError('AUTH.UNDECLARED_ROUTE', 'forbidden', `${method} ${path} declares no permission: refused (deny by default)`),
  internalOnly: () => new DomainError('AUTH.INTERNAL_ONLY', 'forbidden', 'This endpoint is for other services only'),
};
