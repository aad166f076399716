import { DomainError, type FieldViolation } from '@app/common';

const invalid = (code: string, field: string, rule: string, message: string) =>
  new DomainError(code, 'invalid', message, {}, [{ field, rule, message } satisfies FieldViolation]);

/** Every error of the feedback service's cases, one stable code each (the code is the contract). */
export const CasesErrors = {
  notFound: () => new DomainError('FEEDBACK.CASE_NOT_FOUND', 'not_found', 'No such case'),
  illegalTransition: (from: string, to: string) =>
    new DomainError('FEEDBACK.ILLEGAL_TRANSITION', 'conflict', `A case cannot go from ${from} to ${to}`, { from, to }),
  concurrentChange: () => new DomainError('FEEDBACK.CONCURRENT_CHANGE', 'conflict', 'The case changed meanwhile; reload and retry'),
  reopenWindowClosed: (days: number) =>
    new DomainError('FEEDBACK.REOPEN_WINDOW_CLOSED', 'conflict', `A case can be reopened only within ${days} days of its resolution`, { days }),
  notReopenable: (status: string) =>
    new DomainError('FEEDBACK.NOT_REOPENABLE', 'conflict', `Only a resolved or closed case can be reopened (status: ${status})`, { status }),
  subtypeNotOfKind: (kind: string, allowed: readonly string[]) =>
    invalid('REQUEST.VALIDATION_FAILED', 'subtype', 'isInKind', `subtype must be one of ${allowed.join(', ')} for kind ${kind}`),
  contactRequired: () =>
    invalid('REQUEST.VALIDATION_FAILED', 'contact', 'memberOrContact', 'either memberId or contact (name with phone or email) is required'),
  memberAndContact: () => invalid('REQUEST.VALIDATION_FAILED', 'contact', 'memberOrContact', 'give memberId or contact, not both'),
  badPhone: (reason: string) => invalid('REQUEST.VALIDATION_FAILED', 'contact.phone', 'isPhoneNumber', `contact.phone ${reason}`),
  answerRequired: () => invalid('REQUEST.VALIDATION_FAILED', 'note', 'noteOrFaqArticle', 'note or faqArticleId is required'),
  compensationNeedsMember: () =>
    new DomainError('FEEDBACK.COMPENSATION_NEEDS_MEMBER', 'unprocessable', 'Points or a coupon can be granted only on a case of a member'),
  compensationOutcomeMissing: () =>
    invalid('REQUEST.VALIDATION_FAILED', 'outcomes', 'includesCompensationPoints', 'compensationPoints needs the outcome compensation_points'),
  couponOutcomeMissing: () => invalid('REQUEST.VALIDATION_FAILED', 'outcomes', 'includesCoupon', 'compensationCouponRewardId needs the outcome coupon'),
  couponCompensationExists: () => new DomainError('FEEDBACK.COUPON_COMPENSATION_EXISTS', 'conflict', 'This case already carries a coupon compensation'),
  compensationExists: () => new DomainError('FEEDBACK.COMPENSATION_EXISTS', 'conflict', 'This case already carries a compensation'),
  noApprovalPending: () => new DomainError('FEEDBACK.NO_APPROVAL_PENDING', 'conflict', 'This case has no compensation awaiting approval'),
  notYourStore: () => new DomainError('FEEDBACK.NOT_YOUR_STORE', 'forbidden', 'This case belongs to a store you are not assigned to'),
  contactAlreadyErased: () => new DomainError('FEEDBACK.CONTACT_ERASED', 'gone', 'The personal data of this case was erased'),
  notWaitingForCustomer: (status: string) =>
    new DomainError('FEEDBACK.NOT_AWAITING_CUSTOMER', 'conflict', `The case is ${status}, not awaiting your reply`, { status }),
  unreadableContact: (detail: string) => new DomainError('FEEDBACK.UNREADABLE_CONTACT', 'unavailable', detail),
};
