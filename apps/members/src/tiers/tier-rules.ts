import type { FieldViolation } from '@app/common';

/** Machine-readable benefits of a tier (read by points, campaigns and the app). */
export interface TierBenefits {
  earnMultiplierPercent: number;
  birthdayBonusPoints: number;
  memberDayDiscountPercent: number;
  priorityService: boolean;
  freeDelivery: boolean;
}

export interface TierDefinition {
  code: string;
  name: string;
  /** Qualifying spend (minor units) needed within the window. The lowest tier has 0. */
  thresholdMinor: number;
  benefits: TierBenefits;
}

export const QUALIFICATION_MODES = ['rolling_12_months', 'calendar_year'] as const;
export type QualificationMode = (typeof QUALIFICATION_MODES)[number];

/** Add calendar months in UTC, clamping the day (Feb 29 + 12 months = Feb 28). */
export function addMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The spend that counts now: the last 12 months, or this calendar year so far. */
export function qualificationWindow(mode: QualificationMode, now: Date): { from: Date; to: Date } {
  if (mode === 'calendar_year') return { from: new Date(Date.UTC(now.getUTCFullYear(), 0, 1)), to: now };
  return { from: addMonthsUtc(now, -12), to: now };
}

/** Net qualifying spend per UTC day (`YYYY-MM-DD` → minor units): the running totals tiers read. */
export type SpendByDay = Record<string, number>;

/** The UTC day a sale's spend is booked on. */
export function spendDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Qualifying spend in a window, by whole UTC days: every day the window touches counts in full
 * (so a sale keeps counting until the end of the day 12 months later). Never negative.
 */
export function spendInWindow(days: SpendByDay | undefined, window: { from: Date; to: Date }): number {
  const first = spendDay(window.from);
  const last = spendDay(window.to);
  let total = 0;
  for (const [day, minor] of Object.entries(days ?? {})) if (day >= first && day <= last) total += minor;
  return Math.max(0, total);
}

/** Days before this one can no longer fall into any qualification window (a month of slack for clock corrections). */
export function firstSpendDayKept(now: Date): string {
  return spendDay(addMonthsUtc(now, -13));
}

/** When a tier reached at `at` is next reviewed: 12 months later, or the next 1 January. */
export function reviewDateFrom(mode: QualificationMode, at: Date): Date {
  if (mode === 'calendar_year') return new Date(Date.UTC(at.getUTCFullYear() + 1, 0, 1));
  return addMonthsUtc(at, 12);
}

/** Lowest first. */
export function sortTiers(tiers: readonly TierDefinition[]): TierDefinition[] {
  return [...tiers].sort((a, b) => a.thresholdMinor - b.thresholdMinor);
}

export function rankOf(tiers: readonly TierDefinition[], code: string): number {
  return sortTiers(tiers).findIndex((t) => t.code === code);
}

export function tierByCode(tiers: readonly TierDefinition[], code: string): TierDefinition | undefined {
  return tiers.find((t) => t.code === code);
}

/** The highest tier whose threshold the spend reaches. */
export function qualifiedTier(tiers: readonly TierDefinition[], spendMinor: number): TierDefinition {
  const sorted = sortTiers(tiers);
  let result = sorted[0];
  for (const t of sorted) if (spendMinor >= t.thresholdMinor) result = t;
  return result;
}

/** Upgrades happen as soon as a threshold is crossed: the higher tier, or null. */
export function upgradeTarget(tiers: readonly TierDefinition[], currentCode: string, spendMinor: number): TierDefinition | null {
  const q = qualifiedTier(tiers, spendMinor);
  return rankOf(tiers, q.code) > rankOf(tiers, currentCode) ? q : null;
}

/**
 * After a return, a tier reached by qualification in this review period that the spend no longer
 * supports is taken back, but never below the tier held when the period began (`floorCode`).
 */
export function returnAdjustmentTarget(tiers: readonly TierDefinition[], currentCode: string, floorCode: string, spendMinor: number): TierDefinition | null {
  const q = qualifiedTier(tiers, spendMinor);
  const floorRank = Math.max(0, rankOf(tiers, floorCode));
  const currentRank = rankOf(tiers, currentCode);
  const targetRank = Math.max(rankOf(tiers, q.code), floorRank);
  return targetRank < currentRank ? sortTiers(tiers)[targetRank] : null;
}

export type ReviewDecision = { kind: 'not_due' } | { kind: 'keep'; nextReviewDate: Date } | { kind: 'downgrade'; to: TierDefinition; nextReviewDate: Date };

/**
 * Downgrades happen only at review: once the review date plus the grace period has passed, a
 * member whose spend no longer reaches the current tier drops ONE tier; otherwise the tier is kept.
 * Either way the next review is a full period after this one.
 */
export function reviewDecision(input: {
  tiers: readonly TierDefinition[];
  currentCode: string;
  spendMinor: number;
  reviewDate: Date;
  now: Date;
  graceDays: number;
  mode: QualificationMode;
}): ReviewDecision {
  const { tiers, currentCode, spendMinor, reviewDate, now, graceDays, mode } = input;
  if (now.getTime() < addDays(reviewDate, graceDays).getTime()) return { kind: 'not_due' };
  let next = reviewDateFrom(mode, reviewDate);
  while (next.getTime() <= now.getTime()) next = reviewDateFrom(mode, next);
  const currentRank = rankOf(tiers, currentCode);
  const qualifiedRank = rankOf(tiers, qualifiedTier(tiers, spendMinor).code);
  if (currentRank <= 0 || qualifiedRank >= currentRank) return { kind: 'keep', nextReviewDate: next };
  return { kind: 'downgrade', to: sortTiers(tiers)[currentRank - 1], nextReviewDate: next };
}

/** The next tier up and what is still missing to reach it, or null at the top. */
export function progressToNext(
  tiers: readonly TierDefinition[],
  currentCode: string,
  spendMinor: number,
): { tier: TierDefinition; remainingMinor: number } | null {
  const sorted = sortTiers(tiers);
  const next = sorted[rankOf(tiers, currentCode) + 1];
  if (!next) return null;
  return { tier: next, remainingMinor: Math.max(0, next.thresholdMinor - spendMinor) };
}

/** Rules a tier configuration must satisfy (400 with field + rule when broken). */
export function tierConfigViolations(tiers: readonly TierDefinition[]): FieldViolation[] {
  const v: FieldViolation[] = [];
  if (tiers.length === 0) v.push({ field: 'tiers', rule: 'arrayNotEmpty', message: 'at least one tier is required' });
  const codes = new Set<string>();
  tiers.forEach((t, i) => {
    if (codes.has(t.code)) v.push({ field: `tiers[${i}].code`, rule: 'unique', message: `tier code ${t.code} is used twice` });
    codes.add(t.code);
  });
  const thresholds = tiers.map((t) => t.thresholdMinor);
  if (new Set(thresholds).size !== thresholds.length) v.push({ field: 'tiers', rule: 'uniqueThresholds', message: 'two tiers have the same threshold' });
  if (tiers.length && Math.min(...thresholds) !== 0)
    v.push({ field: 'tiers', rule: 'lowestThresholdZero', message: 'the lowest tier must have thresholdMinor 0' });
  return v;
}

export interface SimulationMember {
  tierCode: string;
  spendMinor: number;
}

/** How many members a proposed configuration would move up, down, or leave where they are. */
export function simulateTierConfig(
  proposed: readonly TierDefinition[],
  members: Iterable<SimulationMember>,
): { up: number; down: number; unchanged: number; byTier: Record<string, number> } {
  const result = { up: 0, down: 0, unchanged: 0, byTier: Object.fromEntries(proposed.map((t) => [t.code, 0])) as Record<string, number> };
  const sorted = sortTiers(proposed);
  for (const m of members) {
    const target = qualifiedTier(sorted, m.spendMinor);
    result.byTier[target.code] = (result.byTier[target.code] ?? 0) + 1;
    const currentRank = rankOf(sorted, m.tierCode);
    const targetRank = rankOf(sorted, target.code);
    // A current tier that does not exist in the proposal compares by the spend it was reached with.
    if (currentRank < 0) {
      result.unchanged += 1;
      continue;
    }
    if (targetRank > currentRank) result.up += 1;
    else if (targetRank < currentRank) result.down += 1;
    else result.unchanged += 1;
  }
  return result;
}
