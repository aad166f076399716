import { DomainError } from '@app/common';

/** Every error of the members feature, one stable code each (the code is the contract; the text may change). */
export const MembersErrors = {
  notFound: () => new DomainError('MEMBERS.NOT_FOUND', 'not_found', 'No such member'),
  erased: () => new DomainError('MEMBERS.ERASED', 'gone', 'This member was erased: no personal data is held to export'),
  duplicateIdentifier: (shown: string[]) =>
    new DomainError('MEMBERS.DUPLICATE_IDENTIFIER', 'conflict', `A member with this ${shown.join(' and ')} already exists`, {
      identifier: shown[0],
      identifiers: shown,
    }),
  idempotencyKeyReused: () =>
    new DomainError('MEMBERS.IDEMPOTENCY_KEY_REUSED', 'unprocessable', 'This Idempotency-Key was already used for an enrolment with a different body', {}, [
      { field: 'Idempotency-Key', rule: 'sameBodyOnRetry', message: 'a retry must send the same body as the first attempt; use a new key for a new enrolment' },
    ]),
  cardNumberExhausted: () => new DomainError('MEMBERS.CARD_NUMBER_EXHAUSTED', 'unavailable', 'Could not allocate a card number; try again'),
  unmaskForbidden: (role: string) => new DomainError('MEMBERS.UNMASK_FORBIDDEN', 'forbidden', `Role ${role} may not see this member's personal data unmasked`),
  accessReasonRequired: () =>
    new DomainError('MEMBERS.ACCESS_REASON_REQUIRED', 'invalid', 'An unmasked read needs a reason (x-access-reason header or reason query parameter)', {}, [
      { field: 'reason', rule: 'isNotEmpty', message: 'a reason is required for an unmasked read' },
    ]),
  unreadablePersonalData: (detail: string) => new DomainError('MEMBERS.UNREADABLE_PERSONAL_DATA', 'unavailable', detail),
};
