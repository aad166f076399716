import { PosErrors } from './pos.errors';

/**
 * Integrity rules of a sale, checked before anything is written or published (pure, no I/O).
 *
 * Rounding rule: amounts are integer minor units and a line's amount is exact,
 * `quantity x unitPriceMinor - discountMinor` (a discount above its line is refused). The sale's
 * `totalMinor` may differ from the sum of its lines, and the tender split (when given as a split)
 * from `totalMinor`, by at most `toleranceMinor` (env POINTS_SALE_TOLERANCE_MINOR, default 0:
 * exact; a till that rounds the payable amount to 0.10 CNY would set 5).
 */
export interface SaleIntegrityPolicy {
  toleranceMinor: number;
  /** Accepted currencies of a store (the programme's list unless the store has its own). */
  acceptedCurrencies: (storeId: string) => string[];
  maxAgeMs: number;
  maxFutureMs: number;
}

export interface SaleToCheck {
  storeId: string;
  occurredAt: string;
  currency: string;
  totalMinor: number;
  lines: Array<{ quantity: number; unitPriceMinor: number; discountMinor?: number }>;
  tender: string | Array<{ amountMinor: number }>;
}

const DAY = 86_400_000;

export function checkCurrency(field: string, currency: string, storeId: string, policy: Pick<SaleIntegrityPolicy, 'acceptedCurrencies'>): void {
  const accepted = policy.acceptedCurrencies(storeId);
  if (!accepted.includes(currency)) throw PosErrors.currencyNotAccepted(field, currency, accepted, storeId);
}

/** occurredAt within [now - maxAge, now + maxFuture]. */
export function checkOccurredAt(occurredAt: string, now: Date, policy: Pick<SaleIntegrityPolicy, 'maxAgeMs' | 'maxFutureMs'>): void {
  const at = Date.parse(occurredAt);
  const latest = now.getTime() + policy.maxFutureMs;
  if (at > latest) throw PosErrors.occurredAtInFuture(occurredAt, new Date(latest).toISOString(), Math.round(policy.maxFutureMs / 60_000));
  const earliest = now.getTime() - policy.maxAgeMs;
  if (at < earliest) throw PosErrors.occurredAtTooOld(occurredAt, new Date(earliest).toISOString(), Math.round(policy.maxAgeMs / DAY));
}

/** Lines, total and tender agree (see the rounding rule above). */
export function checkAmounts(sale: Pick<SaleToCheck, 'totalMinor' | 'lines' | 'tender'>, toleranceMinor: number): void {
  let linesMinor = 0;
  sale.lines.forEach((l, i) => {
    const gross = l.quantity * l.unitPriceMinor;
    const discount = l.discountMinor ?? 0;
    if (discount > gross) throw PosErrors.lineDiscountExceedsLine(i, gross, discount);
    linesMinor += gross - discount;
  });
  if (Math.abs(sale.totalMinor - linesMinor) > toleranceMinor) throw PosErrors.totalMismatch(linesMinor, sale.totalMinor, toleranceMinor);
  if (Array.isArray(sale.tender)) {
    const tendered = sale.tender.reduce((s, t) => s + t.amountMinor, 0);
    if (Math.abs(tendered - sale.totalMinor) > toleranceMinor) throw PosErrors.tenderMismatch(sale.totalMinor, tendered, toleranceMinor);
  }
}

/** Every rule of a new sale, cheapest first; throws the first broken one. */
export function checkSale(sale: SaleToCheck, now: Date, policy: SaleIntegrityPolicy): void {
  checkCurrency('currency', sale.currency, sale.storeId, policy);
  checkOccurredAt(sale.occurredAt, now, policy);
  checkAmounts(sale, policy.toleranceMinor);
}

export interface SoldLine {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
}
export interface ReturnedLine {
  sku: string;
  quantity: number;
  refundMinor: number;
}

/**
 * A return's lines against the sale, by SKU (a SKU sold on several lines counts as one): the
 * return's lines add up to its refund (within the tolerance), and each SKU's returned quantity
 * and refund, with the earlier returns of that sale, stay within what was sold of it. The total
 * (refund never above what is left of the sale) is checked where returns are allocated.
 */
export function checkReturnLines(refundMinor: number, lines: ReturnedLine[], sold: SoldLine[], earlier: ReturnedLine[], toleranceMinor: number): void {
  const bySku = new Map<string, { quantity: number; netMinor: number }>();
  for (const l of sold) {
    const s = bySku.get(l.sku) ?? { quantity: 0, netMinor: 0 };
    bySku.set(l.sku, { quantity: s.quantity + l.quantity, netMinor: s.netMinor + Math.max(0, l.quantity * l.unitPriceMinor - l.discountMinor) });
  }
  const taken = new Map<string, { quantity: number; refundMinor: number }>();
  for (const l of earlier) {
    const t = taken.get(l.sku) ?? { quantity: 0, refundMinor: 0 };
    taken.set(l.sku, { quantity: t.quantity + l.quantity, refundMinor: t.refundMinor + l.refundMinor });
  }
  lines.forEach((l, i) => {
    const s = bySku.get(l.sku);
    if (!s) throw PosErrors.returnLineNotInSale(i, l.sku);
    const t = taken.get(l.sku) ?? { quantity: 0, refundMinor: 0 };
    if (t.quantity + l.quantity > s.quantity) throw PosErrors.refundExceedsSale(`lines[${i}].quantity`, 'quantity', s.quantity - t.quantity, l.quantity);
    if (t.refundMinor + l.refundMinor > s.netMinor)
      throw PosErrors.refundExceedsSale(`lines[${i}].refundMinor`, 'refundMinor', s.netMinor - t.refundMinor, l.refundMinor);
    taken.set(l.sku, { quantity: t.quantity + l.quantity, refundMinor: t.refundMinor + l.refundMinor });
  });
  const linesMinor = lines.reduce((s, l) => s + l.refundMinor, 0);
  if (lines.length > 0 && Math.abs(linesMinor - refundMinor) > toleranceMinor) throw PosErrors.returnLinesMismatch(linesMinor, refundMinor, toleranceMinor);
}

/** Parse `store-hk=HKD|CNY;store-mo=MOP` (env POINTS_STORE_CURRENCIES) into store -> currencies. */
export function parseStoreCurrencies(spec: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [store, list] = part.split('=');
    map.set(
      store.trim(),
      list.split('|').map((c) => c.trim()),
    );
  }
  return map;
}

export const STORE_CURRENCIES_PATTERN =
  /^$|^\s*[A-Za-z0-9._-]{1,64}\s*=\s*[A-Z]{3}(\s*\|\s*[A-Z]{3})*\s*(;\s*[A-Za-z0-9._-]{1,64}\s*=\s*[A-Z]{3}(\s*\|\s*[A-Z]{3})*\s*)*;?\s*$/;
export const CURRENCY_LIST_PATTERN = /^[A-Z]{3}(\s*,\s*[A-Z]{3})*$/;
