import { DomainError } from '@app/common';
import {
  checkAmounts,
  checkCurrency,
  checkOccurredAt,
  checkReturnLines,
  checkSale,
  parseStoreCurrencies,
  type SaleIntegrityPolicy,
  type SaleToCheck,
} from './sale-integrity';
import { purchaseIdOf } from './usecases/record-sale.usecase';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;

const policy = (over: Partial<SaleIntegrityPolicy> = {}): SaleIntegrityPolicy => ({
  toleranceMinor: 0,
  acceptedCurrencies: (storeId) => (storeId === 'store-hk' ? ['HKD', 'CNY'] : ['CNY']),
  maxAgeMs: 30 * DAY,
  maxFutureMs: 5 * 60_000,
  ...over,
});

const sale = (over: Partial<SaleToCheck> = {}): SaleToCheck => ({
  storeId: 'store-1',
  occurredAt: '2026-03-01T11:00:00.000Z',
  currency: 'CNY',
  lines: [
    { quantity: 2, unitPriceMinor: 1250, discountMinor: 500 },
    { quantity: 1, unitPriceMinor: 1000 },
  ],
  totalMinor: 3000,
  tender: [{ amountMinor: 2000 }, { amountMinor: 1000 }],
  ...over,
});

/** The DomainError a rule throws (fails the test when the rule lets the input through). */
function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected the rule to refuse');
}

describe('sale integrity rules', () => {
  it('accepts a sale whose total equals its lines and whose tender split equals its total', () => {
    expect(() => checkSale(sale(), NOW, policy())).not.toThrow();
    expect(() => checkSale(sale({ tender: 'card' }), NOW, policy())).not.toThrow();
  });

  it('refuses a total that is not the sum of the lines, naming the field and both amounts', () => {
    const err = refusal(() => checkAmounts(sale({ lines: [{ quantity: 1, unitPriceMinor: 1000 }], totalMinor: 1_000_000, tender: 'card' }), 0));
    expect(err).toMatchObject({
      code: 'POS.TOTAL_MISMATCH',
      kind: 'unprocessable',
      details: { field: 'totalMinor', expectedMinor: 1000, givenMinor: 1_000_000 },
    });
    expect(err.violations).toEqual([expect.objectContaining({ field: 'totalMinor', rule: 'equalsLines' })]);
  });

  it('applies the rounding tolerance to the total and to the tender, and not beyond it', () => {
    const rounded = sale({ totalMinor: 3004, tender: [{ amountMinor: 3000 }] });
    expect(() => checkAmounts(rounded, 5)).not.toThrow();
    expect(refusal(() => checkAmounts(rounded, 3)).code).toBe('POS.TOTAL_MISMATCH');
    expect(refusal(() => checkAmounts(sale({ totalMinor: 3000, tender: [{ amountMinor: 3006 }] }), 5)).code).toBe('POS.TENDER_MISMATCH');
  });

  it('refuses a tender split that does not add up to the total', () => {
    const err = refusal(() => checkAmounts(sale({ tender: [{ amountMinor: 2000 }, { amountMinor: 500 }] }), 0));
    expect(err).toMatchObject({ code: 'POS.TENDER_MISMATCH', details: { field: 'tender', expectedMinor: 3000, givenMinor: 2500 } });
    expect(refusal(() => checkAmounts(sale({ tender: [] }), 0)).code).toBe('POS.TENDER_MISMATCH');
  });

  it('refuses a line discount above its line', () => {
    const err = refusal(() =>
      checkAmounts(
        sale({
          lines: [
            { quantity: 1, unitPriceMinor: 1000 },
            { quantity: 2, unitPriceMinor: 100, discountMinor: 201 },
          ],
          totalMinor: 999,
        }),
        0,
      ),
    );
    expect(err).toMatchObject({ code: 'POS.LINE_DISCOUNT_EXCEEDS_LINE', details: { field: 'lines[1].discountMinor', expectedMaxMinor: 200, givenMinor: 201 } });
  });

  it('accepts only the currencies configured for the store (programme list, or the store override)', () => {
    expect(refusal(() => checkCurrency('currency', 'XYZ', 'store-1', policy()))).toMatchObject({
      code: 'POS.CURRENCY_NOT_ACCEPTED',
      details: { given: 'XYZ', accepted: ['CNY'] },
    });
    expect(refusal(() => checkCurrency('currency', 'HKD', 'store-1', policy())).code).toBe('POS.CURRENCY_NOT_ACCEPTED');
    expect(() => checkCurrency('currency', 'HKD', 'store-hk', policy())).not.toThrow();
  });

  it('refuses occurredAt older than the window or further in the future than allowed', () => {
    expect(refusal(() => checkOccurredAt('1999-01-01T00:00:00.000Z', NOW, policy()))).toMatchObject({
      code: 'POS.OCCURRED_AT_TOO_OLD',
      details: { earliest: '2026-01-30T12:00:00.000Z', maxAgeDays: 30 },
    });
    expect(() => checkOccurredAt('2026-01-30T12:00:00.000Z', NOW, policy())).not.toThrow();
    expect(refusal(() => checkOccurredAt('2026-01-30T11:59:59.999Z', NOW, policy())).code).toBe('POS.OCCURRED_AT_TOO_OLD');
    expect(() => checkOccurredAt('2026-03-01T12:05:00.000Z', NOW, policy())).not.toThrow();
    expect(refusal(() => checkOccurredAt('2026-03-01T12:05:00.001Z', NOW, policy()))).toMatchObject({
      code: 'POS.OCCURRED_AT_IN_FUTURE',
      details: { maxFutureMinutes: 5 },
    });
  });

  it('a return: lines add up to the refund, each SKU within what was sold, earlier returns counted', () => {
    const sold = [
      { sku: 'A', quantity: 2, unitPriceMinor: 1000, discountMinor: 0 },
      { sku: 'A', quantity: 1, unitPriceMinor: 1000, discountMinor: 100 },
      { sku: 'B', quantity: 1, unitPriceMinor: 500, discountMinor: 0 },
    ];
    expect(() =>
      checkReturnLines(
        3400,
        [
          { sku: 'A', quantity: 3, refundMinor: 2900 },
          { sku: 'B', quantity: 1, refundMinor: 500 },
        ],
        sold,
        [],
        0,
      ),
    ).not.toThrow();
    expect(refusal(() => checkReturnLines(3000, [{ sku: 'A', quantity: 1, refundMinor: 1000 }], sold, [], 0))).toMatchObject({
      code: 'POS.RETURN_LINES_MISMATCH',
      details: { expectedMinor: 1000, givenMinor: 3000 },
    });
    expect(refusal(() => checkReturnLines(500, [{ sku: 'Z', quantity: 1, refundMinor: 500 }], sold, [], 0))).toMatchObject({
      code: 'POS.RETURN_LINES_MISMATCH',
      details: { field: 'lines[0].sku' },
    });
    expect(refusal(() => checkReturnLines(4000, [{ sku: 'A', quantity: 4, refundMinor: 4000 }], sold, [], 0))).toMatchObject({
      code: 'POS.REFUND_EXCEEDS_SALE',
      details: { field: 'lines[0].quantity', expectedMax: 3 },
    });
    expect(refusal(() => checkReturnLines(600, [{ sku: 'B', quantity: 1, refundMinor: 600 }], sold, [], 0))).toMatchObject({
      code: 'POS.REFUND_EXCEEDS_SALE',
      details: { field: 'lines[0].refundMinor', expectedMax: 500 },
    });
    // Earlier returns took two A already: one more is fine, two are not.
    const earlier = [{ sku: 'A', quantity: 2, refundMinor: 2000 }];
    expect(() => checkReturnLines(900, [{ sku: 'A', quantity: 1, refundMinor: 900 }], sold, earlier, 0)).not.toThrow();
    expect(refusal(() => checkReturnLines(1800, [{ sku: 'A', quantity: 2, refundMinor: 1800 }], sold, earlier, 0)).code).toBe('POS.REFUND_EXCEEDS_SALE');
  });

  it('parses the per-store currency override', () => {
    expect([...parseStoreCurrencies('store-hk=HKD|CNY; store-mo=MOP')]).toEqual([
      ['store-hk', ['HKD', 'CNY']],
      ['store-mo', ['MOP']],
    ]);
    expect(parseStoreCurrencies('').size).toBe(0);
  });

  it('purchase ids stay within the 64 characters of the event contracts, stable per (store, transaction)', () => {
    expect(purchaseIdOf('store-1', 'T-1')).toBe('store-1:T-1');
    const long = purchaseIdOf('s'.repeat(64), 't'.repeat(64));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toBe(purchaseIdOf('s'.repeat(64), 't'.repeat(64)));
    expect(long).not.toBe(purchaseIdOf('s'.repeat(64), `${'t'.repeat(63)}u`));
  });
});
