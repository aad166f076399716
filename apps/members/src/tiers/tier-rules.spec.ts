import { DEFAULT_TIERS } from './default-tiers';
import {
  addMonthsUtc,
  firstSpendDayKept,
  progressToNext,
  qualificationWindow,
  qualifiedTier,
  returnAdjustmentTarget,
  reviewDateFrom,
  reviewDecision,
  simulateTierConfig,
  spendDay,
  spendInWindow,
  tierConfigViolations,
  upgradeTarget,
  type TierDefinition,
} from './tier-rules';

const tiers = DEFAULT_TIERS;
const d = (iso: string) => new Date(iso);
const tier = (over: Partial<TierDefinition> = {}): TierDefinition => ({ ...DEFAULT_TIERS[0], ...over });

describe('tier qualification rules', () => {
  it('qualifies for the highest tier whose threshold the spend reaches', () => {
    expect(qualifiedTier(tiers, 0).code).toBe('regular');
    expect(qualifiedTier(tiers, 199_999).code).toBe('regular');
    expect(qualifiedTier(tiers, 200_000).code).toBe('silver');
    expect(qualifiedTier(tiers, 999_999).code).toBe('gold');
    expect(qualifiedTier(tiers, 5_000_000).code).toBe('platinum');
  });

  it('upgrades at once, possibly skipping tiers, and never downgrades on spend', () => {
    expect(upgradeTarget(tiers, 'regular', 600_000)?.code).toBe('gold');
    expect(upgradeTarget(tiers, 'gold', 600_000)).toBeNull();
    expect(upgradeTarget(tiers, 'gold', 0)).toBeNull();
  });

  it('a return takes back a tier the spend no longer supports, but not below the floor', () => {
    expect(returnAdjustmentTarget(tiers, 'gold', 'regular', 250_000)?.code).toBe('silver');
    expect(returnAdjustmentTarget(tiers, 'gold', 'silver', 10_000)?.code).toBe('silver');
    expect(returnAdjustmentTarget(tiers, 'gold', 'gold', 0)).toBeNull();
    expect(returnAdjustmentTarget(tiers, 'gold', 'regular', 500_000)).toBeNull();
  });

  it('computes rolling and calendar-year windows and review dates in UTC', () => {
    const now = d('2026-03-15T10:00:00Z');
    expect(qualificationWindow('rolling_12_months', now).from.toISOString()).toBe('2025-03-15T10:00:00.000Z');
    expect(qualificationWindow('calendar_year', now).from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(reviewDateFrom('rolling_12_months', now).toISOString()).toBe('2027-03-15T10:00:00.000Z');
    expect(reviewDateFrom('calendar_year', now).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(addMonthsUtc(d('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonthsUtc(d('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  describe('qualifying spend by day', () => {
    const days = { '2025-03-14': 100, '2025-03-15': 20, '2025-09-01': 3_000, '2026-03-15': 400, '2026-03-16': 50_000 };

    it('books spend on its UTC day', () => {
      expect(spendDay(d('2026-03-15T23:59:59.999Z'))).toBe('2026-03-15');
      expect(spendDay(d('2026-03-15T16:30:00.000-08:00'))).toBe('2026-03-16');
    });

    it('counts every day a window touches in full: the first day of a rolling window and today (even later today)', () => {
      const now = d('2026-03-15T10:00:00Z');
      expect(spendInWindow(days, qualificationWindow('rolling_12_months', now))).toBe(20 + 3_000 + 400);
      expect(spendInWindow(days, qualificationWindow('calendar_year', now))).toBe(400);
      expect(spendInWindow(days, { from: d('2026-03-16T00:00:00Z'), to: d('2026-03-16T00:00:00Z') })).toBe(50_000);
    });

    it('is never negative and empty without totals', () => {
      expect(spendInWindow({ '2026-03-15': 100, '2026-03-14': -500 }, qualificationWindow('rolling_12_months', d('2026-03-15T10:00:00Z')))).toBe(0);
      expect(spendInWindow(undefined, qualificationWindow('calendar_year', d('2026-03-15T10:00:00Z')))).toBe(0);
    });

    it('keeps the days any window can still reach, with a month to spare', () => {
      const now = d('2026-03-15T10:00:00Z');
      expect(firstSpendDayKept(now)).toBe('2025-02-15');
      expect(firstSpendDayKept(now) <= spendDay(qualificationWindow('rolling_12_months', now).from)).toBe(true);
      expect(firstSpendDayKept(now) <= spendDay(qualificationWindow('calendar_year', now).from)).toBe(true);
    });
  });

  describe('review', () => {
    const base = { tiers, reviewDate: d('2027-03-01T00:00:00Z'), graceDays: 30, mode: 'rolling_12_months' as const };

    it('is not due before review date + grace', () => {
      expect(reviewDecision({ ...base, currentCode: 'gold', spendMinor: 0, now: d('2027-03-30T23:59:59Z') }).kind).toBe('not_due');
    });

    it('downgrades exactly one tier after grace when the spend falls short', () => {
      const r = reviewDecision({ ...base, currentCode: 'platinum', spendMinor: 0, now: d('2027-04-01T00:00:00Z') });
      expect(r).toMatchObject({ kind: 'downgrade', to: { code: 'gold' } });
      if (r.kind === 'downgrade') expect(r.nextReviewDate.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    });

    it('keeps the tier when the spend still qualifies, and at the lowest tier', () => {
      expect(reviewDecision({ ...base, currentCode: 'gold', spendMinor: 500_000, now: d('2027-04-01T00:00:00Z') }).kind).toBe('keep');
      expect(reviewDecision({ ...base, currentCode: 'regular', spendMinor: 0, now: d('2027-04-01T00:00:00Z') }).kind).toBe('keep');
    });

    it('schedules the next review in the future even when the review ran very late', () => {
      const r = reviewDecision({ ...base, currentCode: 'gold', spendMinor: 0, now: d('2029-06-01T00:00:00Z') });
      expect(r.kind === 'downgrade' && r.nextReviewDate.toISOString()).toBe('2030-03-01T00:00:00.000Z');
    });
  });

  it('shows the progress to the next tier', () => {
    expect(progressToNext(tiers, 'silver', 300_000)).toMatchObject({ tier: { code: 'gold' }, remainingMinor: 200_000 });
    expect(progressToNext(tiers, 'platinum', 0)).toBeNull();
  });

  it('validates a tier configuration', () => {
    expect(tierConfigViolations(tiers)).toEqual([]);
    expect(tierConfigViolations([tier({ code: 'a', thresholdMinor: 100 })]).map((v) => v.rule)).toContain('lowestThresholdZero');
    expect(tierConfigViolations([tier({ code: 'a' }), tier({ code: 'a', thresholdMinor: 5 })]).map((v) => v.rule)).toContain('unique');
    expect(tierConfigViolations([tier({ code: 'a' }), tier({ code: 'b' })]).map((v) => v.rule)).toContain('uniqueThresholds');
  });

  it('simulates how many members a proposal moves', () => {
    const proposal = tiers.map((t) => (t.code === 'silver' ? { ...t, thresholdMinor: 100_000 } : t.code === 'gold' ? { ...t, thresholdMinor: 800_000 } : t));
    const result = simulateTierConfig(proposal, [
      { tierCode: 'regular', spendMinor: 150_000 }, // up to silver
      { tierCode: 'gold', spendMinor: 600_000 }, // down to silver
      { tierCode: 'silver', spendMinor: 300_000 }, // unchanged
    ]);
    expect(result).toMatchObject({ up: 1, down: 1, unchanged: 1, byTier: { silver: 3 } });
  });
});
