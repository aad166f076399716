import { calculateEarning, pointsToReverse, ruleSetInForce, type MemberEarningContext, type SaleInput, type SaleLineInput } from './calculate-earning';
import { DEFAULT_EARNING_RULES, DEFAULT_RULE_SET, type EarningRules, type EarningRuleSet } from './earning-rules';

const line = (overrides: Partial<SaleLineInput> = {}): SaleLineInput => ({
  sku: 'SKU-1',
  category: 'grocery',
  quantity: 1,
  unitPriceMinor: 1000,
  discountMinor: 0,
  ...overrides,
});
const sale = (overrides: Partial<SaleInput> = {}): SaleInput => {
  const lines = overrides.lines ?? [line()];
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor - l.discountMinor, 0);
  return { storeId: 'store-1', occurredAt: new Date('2026-03-01T10:00:00Z'), currency: 'CNY', totalMinor: total, lines, ...overrides };
};
const member = (overrides: Partial<MemberEarningContext> = {}): MemberEarningContext => ({
  earnMultiplierPercent: 100,
  tier: 'regular',
  isBirthday: false,
  earnedTodayBefore: 0,
  ...overrides,
});
const rules = (overrides: Partial<EarningRules> = {}, version = 1): EarningRuleSet => ({
  version,
  effectiveFrom: '2026-01-01T00:00:00Z',
  rules: { ...DEFAULT_EARNING_RULES, ...overrides },
});

describe('calculateEarning', () => {
  it('defaults: 1 point per currency unit, floor rounding', () => {
    const r = calculateEarning(DEFAULT_RULE_SET, sale({ lines: [line({ unitPriceMinor: 1999 })] }), member());
    expect(r).toEqual({ points: 19, ruleVersion: 0, eligibleMinor: 1999, rules: [{ rule: 'base', points: 19 }] });
  });

  it.each([
    ['floor', 19],
    ['round', 20],
    ['ceil', 20],
  ] as const)('rounding policy %s', (rounding, expected) => {
    expect(calculateEarning(rules({ rounding }), sale({ lines: [line({ unitPriceMinor: 1950 })] }), member()).points).toBe(expected);
  });

  it('default caps: one sale at the largest allowed amount earns 100,000 points, a member at most 200,000 a day', () => {
    const huge = sale({ lines: [line({ unitPriceMinor: 1_000_000_000_00 })] });
    expect(calculateEarning(DEFAULT_RULE_SET, huge, member())).toMatchObject({
      points: 100_000,
      rules: [
        { rule: 'base', points: 1_000_000_000 },
        { rule: 'cap.transaction', points: 100_000 - 1_000_000_000 },
      ],
    });
    expect(calculateEarning(DEFAULT_RULE_SET, huge, member({ earnedTodayBefore: 150_000 })).points).toBe(50_000);
    expect(calculateEarning(DEFAULT_RULE_SET, huge, member({ earnedTodayBefore: 200_000 })).points).toBe(0);
  });

  it('uses the rate of the sale currency before the * fallback', () => {
    const r = rules({
      baseRates: [
        { currency: 'JPY', minorPerUnit: 1, pointsPerUnit: 0.01 },
        { currency: '*', minorPerUnit: 100, pointsPerUnit: 1 },
      ],
    });
    expect(calculateEarning(r, sale({ currency: 'JPY', lines: [line({ unitPriceMinor: 5000 })] }), member()).points).toBe(50);
    expect(calculateEarning(r, sale({ currency: 'EUR', lines: [line({ unitPriceMinor: 5000 })] }), member()).points).toBe(50);
  });

  it('earns nothing in a currency without a rate', () => {
    const r = rules({ baseRates: [{ currency: 'CNY', minorPerUnit: 100, pointsPerUnit: 1 }] });
    expect(calculateEarning(r, sale({ currency: 'USD' }), member())).toMatchObject({ points: 0, rules: [] });
  });

  it('excludes gift cards and tobacco by default, and configured SKUs', () => {
    const lines = [
      line({ unitPriceMinor: 1000 }),
      line({ category: 'gift_card', unitPriceMinor: 5000 }),
      line({ category: 'tobacco', unitPriceMinor: 3000 }),
      line({ sku: 'NOPE', unitPriceMinor: 700 }),
    ];
    expect(calculateEarning(DEFAULT_RULE_SET, sale({ lines }), member()).points).toBe(17);
    expect(calculateEarning(rules({ excludedSkus: ['NOPE'] }), sale({ lines }), member())).toMatchObject({ points: 10, eligibleMinor: 1000 });
  });

  it('applies line discounts, quantities and a transaction-level discount proportionally', () => {
    const lines = [line({ quantity: 3, unitPriceMinor: 1000, discountMinor: 500 }), line({ category: 'gift_card', unitPriceMinor: 2500 })];
    // lines net 2500 + 2500 = 5000; paid 4000 => factor 0.8 => eligible 2000
    expect(calculateEarning(DEFAULT_RULE_SET, sale({ lines, totalMinor: 4000 }), member())).toMatchObject({ points: 20, eligibleMinor: 2000 });
  });

  it('never credits for a line whose discount exceeds its price', () => {
    expect(calculateEarning(DEFAULT_RULE_SET, sale({ lines: [line({ unitPriceMinor: 100, discountMinor: 500 })], totalMinor: 0 }), member()).points).toBe(0);
  });

  it('category and SKU bonuses apply to matching lines only, each as its own receipt line', () => {
    const r = rules({
      categoryBonuses: [{ id: 'elec', category: 'electronics', extraPercent: 100 }],
      skuBonuses: [{ id: 'star', sku: 'STAR', extraPercent: 50 }],
    });
    const lines = [line({ category: 'electronics', unitPriceMinor: 10000 }), line({ sku: 'STAR', unitPriceMinor: 2000 })];
    expect(calculateEarning(r, sale({ lines }), member()).rules).toEqual([
      { rule: 'base', points: 120 },
      { rule: 'category:elec', points: 100 },
      { rule: 'sku:star', points: 10 },
    ]);
  });

  it('promotions apply only inside their window, stores and categories', () => {
    const promo = {
      id: 'spring',
      extraPercent: 50,
      startsAt: '2026-03-01T00:00:00Z',
      endsAt: '2026-03-02T00:00:00Z',
      categories: ['grocery'],
      storeIds: ['store-1'],
    };
    const r = rules({ promotions: [promo] });
    const lines = [line({ unitPriceMinor: 2000 }), line({ category: 'toys', unitPriceMinor: 2000 })];
    expect(calculateEarning(r, sale({ lines }), member()).rules).toContainEqual({ rule: 'promotion:spring', points: 10 });
    expect(calculateEarning(r, sale({ lines, occurredAt: new Date('2026-03-02T00:00:00Z') }), member()).points).toBe(40);
    expect(calculateEarning(r, sale({ lines, storeId: 'store-2' }), member()).points).toBe(40);
  });

  it('multiplies by the tier multiplier after bonuses', () => {
    const r = rules({ categoryBonuses: [{ id: 'g', category: 'grocery', extraPercent: 100 }] });
    const result = calculateEarning(r, sale({ lines: [line({ unitPriceMinor: 10000 })] }), member({ tier: 'gold', earnMultiplierPercent: 150 }));
    expect(result.rules).toEqual([
      { rule: 'base', points: 100 },
      { rule: 'category:g', points: 100 },
      { rule: 'tier:gold', points: 100 },
    ]);
    expect(result.points).toBe(300);
  });

  it('a tier multiplier below 100% reduces points', () => {
    expect(calculateEarning(DEFAULT_RULE_SET, sale({ lines: [line({ unitPriceMinor: 10000 })] }), member({ earnMultiplierPercent: 50 })).points).toBe(50);
  });

  it('birthday bonus: percent on base and fixed points, only on the birthday', () => {
    const r = rules({ birthday: { extraPercent: 100, fixedPoints: 50 } });
    const s = sale({ lines: [line({ unitPriceMinor: 10000 })] });
    expect(calculateEarning(r, s, member({ isBirthday: true })).rules).toEqual([
      { rule: 'base', points: 100 },
      { rule: 'birthday.percent', points: 100 },
      { rule: 'birthday.fixed', points: 50 },
    ]);
    expect(calculateEarning(r, s, member()).points).toBe(100);
  });

  it('caps per transaction and per day, shown as negative receipt lines', () => {
    const r = rules({ maxPointsPerTransaction: 80, maxPointsPerDay: 100 });
    const s = sale({ lines: [line({ unitPriceMinor: 10000 })] });
    expect(calculateEarning(r, s, member())).toMatchObject({
      points: 80,
      rules: [
        { rule: 'base', points: 100 },
        { rule: 'cap.transaction', points: -20 },
      ],
    });
    expect(calculateEarning(r, s, member({ earnedTodayBefore: 70 }))).toMatchObject({
      points: 30,
      rules: [
        { rule: 'base', points: 100 },
        { rule: 'cap.transaction', points: -20 },
        { rule: 'cap.daily', points: -50 },
      ],
    });
    expect(calculateEarning(r, s, member({ earnedTodayBefore: 150 })).points).toBe(0);
  });

  it('receipt lines always add up to the total', () => {
    const r = rules({ rounding: 'round', categoryBonuses: [{ id: 'c', category: 'grocery', extraPercent: 33 }], maxPointsPerTransaction: 1000 });
    for (const price of [1, 99, 150, 1234, 99999, 123457]) {
      const result = calculateEarning(r, sale({ lines: [line({ unitPriceMinor: price })] }), member({ earnMultiplierPercent: 125, isBirthday: true }));
      expect(result.rules.reduce((s, x) => s + x.points, 0)).toBe(result.points);
      expect(Number.isInteger(result.points)).toBe(true);
    }
  });

  it('is not fooled by binary fractions (0.1 points per unit)', () => {
    const r = rules({ baseRates: [{ currency: '*', minorPerUnit: 100, pointsPerUnit: 0.1 }] });
    expect(calculateEarning(r, sale({ lines: [line({ unitPriceMinor: 3000 })] }), member()).points).toBe(3);
  });
});

describe('ruleSetInForce', () => {
  const v = (version: number, effectiveFrom: string): EarningRuleSet => ({ version, effectiveFrom, rules: DEFAULT_EARNING_RULES });
  const sets = [v(1, '2026-01-01T00:00:00.000Z'), v(2, '2026-03-01T00:00:00.000Z'), v(3, '2026-03-01T00:00:00.000Z'), v(4, '2026-06-01T00:00:00.000Z')];

  it('picks the newest version effective at the instant (highest version on a tie)', () => {
    expect(ruleSetInForce(sets, new Date('2026-02-15T00:00:00Z'), DEFAULT_RULE_SET).version).toBe(1);
    expect(ruleSetInForce(sets, new Date('2026-03-01T00:00:00Z'), DEFAULT_RULE_SET).version).toBe(3);
    expect(ruleSetInForce(sets, new Date('2026-07-01T00:00:00Z'), DEFAULT_RULE_SET).version).toBe(4);
  });

  it('falls back to the built-in defaults before any version', () => {
    expect(ruleSetInForce(sets, new Date('2025-12-31T00:00:00Z'), DEFAULT_RULE_SET).version).toBe(0);
  });
});

describe('pointsToReverse', () => {
  it('a full return reverses everything', () => {
    expect(pointsToReverse(57, 10000, 0, 10000)).toBe(57);
  });

  it('partial returns add up exactly to the points earned', () => {
    const refunds = [3333, 3333, 3334];
    let before = 0;
    let total = 0;
    for (const r of refunds) {
      total += pointsToReverse(100, 10000, before, r);
      before += r;
    }
    expect(total).toBe(100);
  });

  it('is proportional to the refund', () => {
    expect(pointsToReverse(100, 10000, 0, 2500)).toBe(25);
    expect(pointsToReverse(0, 10000, 0, 2500)).toBe(0);
  });
});
