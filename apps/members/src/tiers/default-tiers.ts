import type { TierDefinition } from './tier-rules';

/** Out-of-the-box tiers (thresholds in CNY fen); admins change them with PUT /v1/tiers. */
export const DEFAULT_TIERS: TierDefinition[] = [
  {
    code: 'regular',
    name: 'Regular',
    thresholdMinor: 0,
    benefits: { earnMultiplierPercent: 100, birthdayBonusPoints: 100, memberDayDiscountPercent: 0, priorityService: false, freeDelivery: false },
  },
  {
    code: 'silver',
    name: 'Silver',
    thresholdMinor: 200_000,
    benefits: { earnMultiplierPercent: 120, birthdayBonusPoints: 200, memberDayDiscountPercent: 5, priorityService: false, freeDelivery: false },
  },
  {
    code: 'gold',
    name: 'Gold',
    thresholdMinor: 500_000,
    benefits: { earnMultiplierPercent: 150, birthdayBonusPoints: 500, memberDayDiscountPercent: 8, priorityService: true, freeDelivery: true },
  },
  {
    code: 'platinum',
    name: 'Platinum',
    thresholdMinor: 1_000_000,
    benefits: { earnMultiplierPercent: 200, birthdayBonusPoints: 1000, memberDayDiscountPercent: 10, priorityService: true, freeDelivery: true },
  },
];
