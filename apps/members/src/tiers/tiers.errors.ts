import { DomainError, ValidationFailedError, type FieldViolation } from '@app/common';

/** Every error of the tiers feature, one stable code each. */
export const TiersErrors = {
  unknownTier: (tierCode: string, known: string[]) =>
    new DomainError('MEMBERS.UNKNOWN_TIER', 'invalid', `No tier ${tierCode}`, {}, [
      { field: 'tierCode', rule: 'isKnownTier', message: `tierCode must be one of ${known.join(', ')}` },
    ]),
  overrideExpiryPast: () =>
    new DomainError('MEMBERS.OVERRIDE_EXPIRY_PAST', 'invalid', 'expiresAt must be in the future', {}, [
      { field: 'expiresAt', rule: 'isFuture', message: 'expiresAt must be in the future' },
    ]),
  concurrentChange: () => new DomainError('MEMBERS.CONCURRENT_TIER_CHANGE', 'conflict', 'The tier changed meanwhile; try again'),
  invalidConfig: (violations: FieldViolation[]) => new ValidationFailedError(violations, 'MEMBERS.INVALID_TIER_CONFIG'),
};
