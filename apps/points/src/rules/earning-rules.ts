/**
 * The earning rules: plain data, versioned. A sale is evaluated against the version in force at
 * its `occurredAt` (the newest version whose `effectiveFrom` is not after it).
 */
export const ROUNDING_POLICIES = ['floor', 'round', 'ceil'] as const;
export type RoundingPolicy = (typeof ROUNDING_POLICIES)[number];

export interface BaseRate {
  /** ISO currency, or `*` for any currency without its own rate. */
  currency: string;
  /** Minor units in one currency unit (100 for CNY/EUR/USD, 1 for JPY). */
  minorPerUnit: number;
  /** Points per currency unit spent (may be fractional, e.g. 0.5). */
  pointsPerUnit: number;
}

/** Extra points, in percent of the base points of the matching lines (100 = double). */
export interface BonusRule {
  id: string;
  extraPercent: number;
}
export interface CategoryBonus extends BonusRule {
  category: string;
}
export interface SkuBonus extends BonusRule {
  sku: string;
}
export interface Promotion extends BonusRule {
  /** Active in [startsAt, endsAt) (ISO instants). */
  startsAt: string;
  endsAt: string;
  /** Limit to these categories / stores (empty: all). */
  categories: string[];
  storeIds: string[];
}

export interface BirthdayBonus {
  /** Extra percent of the base points on the member's birthday (UTC day of the sale). */
  extraPercent: number;
  /** Fixed points added on a birthday purchase. */
  fixedPoints: number;
}

export interface EarningRules {
  rounding: RoundingPolicy;
  baseRates: BaseRate[];
  /** Lines in these categories / SKUs earn nothing (gift cards, tobacco...). */
  excludedCategories: string[];
  excludedSkus: string[];
  categoryBonuses: CategoryBonus[];
  skuBonuses: SkuBonus[];
  promotions: Promotion[];
  birthday: BirthdayBonus;
  /** Caps (null: none). Per day is per member and UTC day of the sale. */
  maxPointsPerTransaction: number | null;
  maxPointsPerDay: number | null;
}

export interface EarningRuleSet {
  version: number;
  effectiveFrom: string;
  rules: EarningRules;
}

/**
 * Default caps: no single sale earns more than 100,000 points and no member more than 200,000 on
 * one UTC day, whatever the amounts (a forged or mistyped amount cannot mint unbounded points).
 * A rule version sets its own caps; an explicit null removes one.
 */
export const DEFAULT_MAX_POINTS_PER_TRANSACTION = 100_000;
export const DEFAULT_MAX_POINTS_PER_DAY = 200_000;

/** Out of the box: 1 point per currency unit, floor rounding, gift cards and tobacco excluded, default caps. */
export const DEFAULT_EARNING_RULES: EarningRules = {
  rounding: 'floor',
  baseRates: [{ currency: '*', minorPerUnit: 100, pointsPerUnit: 1 }],
  excludedCategories: ['gift_card', 'tobacco'],
  excludedSkus: [],
  categoryBonuses: [],
  skuBonuses: [],
  promotions: [],
  birthday: { extraPercent: 0, fixedPoints: 0 },
  maxPointsPerTransaction: DEFAULT_MAX_POINTS_PER_TRANSACTION,
  maxPointsPerDay: DEFAULT_MAX_POINTS_PER_DAY,
};

export const DEFAULT_RULE_SET: EarningRuleSet = { version: 0, effectiveFrom: '1970-01-01T00:00:00.000Z', rules: DEFAULT_EARNING_RULES };
