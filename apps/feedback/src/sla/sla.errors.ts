import { DomainError } from '@app/common';

/** Errors of SLA policies and the scheduler, one stable code each. */
export const SlaPolicyErrors = {
  order: (field: string, before: string) =>
    new DomainError('REQUEST.VALIDATION_FAILED', 'invalid', `${field} must not be shorter than ${before}`, {}, [
      { field, rule: 'notBefore', message: `${field} must be >= ${before}` },
    ]),
};
