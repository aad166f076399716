import { computeFeatures, DAY_MS, type PurchaseFactInput } from './features';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY_MS);
const purchase = (over: Partial<PurchaseFactInput> = {}): PurchaseFactInput => ({ occurredAt: daysAgo(10), amountMinor: 10_000, currency: 'CNY', ...over });
const cfg = { windowDays: 365, currency: 'CNY' };

describe('computeFeatures', () => {
  it('a member without purchases has no recency and nothing in the window', () => {
    expect(computeFeatures([], [], daysAgo(30), NOW, cfg)).toEqual({
      firstPurchaseAt: null,
      lastPurchaseAt: null,
      lifetimePurchases: 0,
      purchaseCount: 0,
      netSpendMinor: 0,
      avgBasketMinor: 0,
      tenureDays: 30,
      usualIntervalDays: null,
      recencyDays: null,
    });
  });

  it('counts frequency and spend in the window only, recency and first/last over the whole history', () => {
    const f = computeFeatures(
      [
        purchase({ occurredAt: daysAgo(400), amountMinor: 99_999 }),
        purchase({ occurredAt: daysAgo(100), amountMinor: 3000 }),
        purchase({ occurredAt: daysAgo(5), amountMinor: 1000 }),
      ],
      [],
      null,
      NOW,
      cfg,
    );
    expect(f).toMatchObject({
      firstPurchaseAt: daysAgo(400),
      lastPurchaseAt: daysAgo(5),
      lifetimePurchases: 3,
      purchaseCount: 2,
      netSpendMinor: 4000,
      avgBasketMinor: 2000,
      recencyDays: 5,
      tenureDays: 400,
    });
  });

  it('subtracts refunds in the window, never below zero, and sums only the configured currency', () => {
    const f = computeFeatures(
      [purchase({ amountMinor: 5000 }), purchase({ amountMinor: 7000, currency: 'HKD' })],
      [{ occurredAt: daysAgo(2), amountMinor: 2000, currency: 'CNY' }],
      null,
      NOW,
      cfg,
    );
    expect(f).toMatchObject({ purchaseCount: 2, netSpendMinor: 3000, avgBasketMinor: 1500 });
    expect(
      computeFeatures([purchase({ amountMinor: 1000 })], [{ occurredAt: daysAgo(1), amountMinor: 5000, currency: 'CNY' }], null, NOW, cfg).netSpendMinor,
    ).toBe(0);
  });

  it('takes the median gap between purchases as the usual interval', () => {
    const f = computeFeatures(
      [0, 10, 20, 50].map((d) => purchase({ occurredAt: daysAgo(d) })),
      [],
      null,
      NOW,
      cfg,
    );
    expect(f.usualIntervalDays).toBe(10);
    expect(computeFeatures([purchase()], [], null, NOW, cfg).usualIntervalDays).toBeNull();
  });

  it('counts tickets less than a day apart as one visit: they do not shrink the usual interval', () => {
    const minutes = (m: number) => new Date(NOW.getTime() - m * 60_000);
    const visits = [daysAgo(20), daysAgo(10), minutes(3), minutes(2), minutes(1), NOW].map((occurredAt) => purchase({ occurredAt }));
    expect(computeFeatures(visits, [], null, NOW, cfg).usualIntervalDays).toBe(10);
    // Two tickets in one afternoon and nothing else: no usual interval yet (the default applies).
    expect(
      computeFeatures(
        [minutes(90), NOW].map((occurredAt) => purchase({ occurredAt })),
        [],
        null,
        NOW,
        cfg,
      ).usualIntervalDays,
    ).toBeNull();
  });

  it('gives the same features whatever order the facts arrive in', () => {
    const facts = [3, 40, 17, 200, 90].map((d, i) => purchase({ occurredAt: daysAgo(d), amountMinor: 1000 * (i + 1) }));
    const reversed = [...facts].reverse();
    expect(computeFeatures(reversed, [], null, NOW, cfg)).toEqual(computeFeatures(facts, [], null, NOW, cfg));
  });
});
