import { DAY_MS } from './features';
import { lastReactivation, lifecycleStage, type LifecycleInput } from './lifecycle';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY_MS);
const cfg = { newDays: 30, churnDays: 180, atRiskFactor: 3, defaultIntervalDays: 30 };
const input = (over: Partial<LifecycleInput> & { first?: number | null; last?: number | null; interval?: number | null } = {}): LifecycleInput => {
  const { first = 200, last = 5, interval = 20, ...rest } = over;
  return {
    features: { firstPurchaseAt: first === null ? null : daysAgo(first), lastPurchaseAt: last === null ? null : daysAgo(last), usualIntervalDays: interval },
    monetaryScore: 3,
    reactivatedAt: null,
    now: NOW,
    ...rest,
  };
};

describe('lifecycleStage', () => {
  it('prospect: enrolled, never bought', () => {
    expect(lifecycleStage(input({ first: null, last: null, interval: null }), cfg)).toBe('prospect');
  });

  it('new: first purchase within newDays', () => {
    expect(lifecycleStage(input({ first: 10, last: 10, interval: null }), cfg)).toBe('new');
    expect(lifecycleStage(input({ first: 31, last: 31, interval: null }), cfg)).toBe('active');
  });

  it('active, or high_value in the top monetary quintile', () => {
    expect(lifecycleStage(input(), cfg)).toBe('active');
    expect(lifecycleStage(input({ monetaryScore: 5 }), cfg)).toBe('high_value');
  });

  it("at_risk after k times the member's own usual interval without a purchase", () => {
    expect(lifecycleStage(input({ last: 59, interval: 20 }), cfg)).toBe('active');
    expect(lifecycleStage(input({ last: 60, interval: 20 }), cfg)).toBe('at_risk');
    expect(lifecycleStage(input({ last: 60, interval: 20, monetaryScore: 5 }), cfg)).toBe('at_risk');
    // a one-time buyer uses the default interval
    expect(lifecycleStage(input({ first: 90, last: 90, interval: null }), cfg)).toBe('at_risk');
  });

  it('time alone moves a member from active to at_risk to churned', () => {
    const lastPurchase = daysAgo(0);
    const at = (d: number) =>
      lifecycleStage(
        {
          ...input(),
          features: { firstPurchaseAt: daysAgo(300), lastPurchaseAt: lastPurchase, usualIntervalDays: 20 },
          now: new Date(NOW.getTime() + d * DAY_MS),
        },
        cfg,
      );
    expect([at(1), at(59), at(60), at(179), at(180)]).toEqual(['active', 'active', 'at_risk', 'at_risk', 'churned']);
  });

  it('reactivated: bought again after churn, for newDays after that purchase', () => {
    const base = { first: 400, last: 3, interval: 20 };
    expect(lifecycleStage(input({ ...base, reactivatedAt: daysAgo(3) }), cfg)).toBe('reactivated');
    expect(lifecycleStage(input({ ...base, last: 3, reactivatedAt: daysAgo(31) }), cfg)).toBe('active');
  });

  it('dates churn and reactivation by the purchases, not by when they were noticed', () => {
    expect(lastReactivation([daysAgo(300), daysAgo(200)], NOW, cfg)).toEqual({ churnedAt: daysAgo(20), reactivatedAt: null });
    expect(lastReactivation([daysAgo(5), daysAgo(400), daysAgo(200)], NOW, cfg)).toEqual({ churnedAt: daysAgo(20), reactivatedAt: daysAgo(5) });
    expect(lastReactivation([daysAgo(100), daysAgo(50)], NOW, cfg)).toEqual({ churnedAt: null, reactivatedAt: null });
    expect(lastReactivation([], NOW, cfg)).toEqual({ churnedAt: null, reactivatedAt: null });
  });
});
