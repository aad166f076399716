/**
 * Customer features from the purchase history, as pure functions: what RFM scoring and lifecycle
 * stages are computed from. The result depends only on the set of facts and the evaluation time,
 * never on the order the events arrived in, so redelivery and out-of-order delivery converge.
 */
export const DAY_MS = 86_400_000;

export interface PurchaseFactInput {
  occurredAt: Date;
  amountMinor: number;
  currency: string;
}

export type ReturnFactInput = PurchaseFactInput;

export interface FeatureConfig {
  /** Purchases within this many days before now count for frequency and spend. */
  windowDays: number;
  /** Spend is summed in this currency only (integer minor units); other currencies count for frequency. */
  currency: string;
}

export interface MemberFeatures {
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  /** Every purchase ever recorded for the member. */
  lifetimePurchases: number;
  /** Purchases in the window. */
  purchaseCount: number;
  /** Spend in the window minus refunds in the window, never below 0 (minor units of the configured currency). */
  netSpendMinor: number;
  /** netSpendMinor / purchaseCount, rounded down (0 without purchases). */
  avgBasketMinor: number;
  /** Whole days since enrolment (or the first purchase when enrolment is unknown). */
  tenureDays: number;
  /**
   * The member's own usual gap between visits: the median of the gaps between purchases, in days,
   * leaving out gaps under a day (several tickets in one visit are one visit, so a member who buys
   * twice in an afternoon is not "at risk" an hour later). Null without two visits a day apart.
   */
  usualIntervalDays: number | null;
  /** Whole days since the last purchase (null without purchases). */
  recencyDays: number | null;
}

const days = (ms: number) => Math.floor(ms / DAY_MS);

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function computeFeatures(
  purchases: readonly PurchaseFactInput[],
  returns: readonly ReturnFactInput[],
  enrolledAt: Date | null,
  now: Date,
  cfg: FeatureConfig,
): MemberFeatures {
  const times = purchases.map((p) => p.occurredAt.getTime()).sort((a, b) => a - b);
  const since = now.getTime() - cfg.windowDays * DAY_MS;
  let purchaseCount = 0;
  let spend = 0;
  for (const p of purchases) {
    if (p.occurredAt.getTime() <= since) continue;
    purchaseCount++;
    if (p.currency === cfg.currency) spend += p.amountMinor;
  }
  for (const r of returns) if (r.occurredAt.getTime() > since && r.currency === cfg.currency) spend -= r.amountMinor;
  const netSpendMinor = Math.max(0, spend);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] - times[i - 1]) / DAY_MS;
    if (gap >= 1) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  const first = times.length ? new Date(times[0]) : null;
  const last = times.length ? new Date(times[times.length - 1]) : null;
  const start = enrolledAt ?? first;
  return {
    firstPurchaseAt: first,
    lastPurchaseAt: last,
    lifetimePurchases: times.length,
    purchaseCount,
    netSpendMinor,
    avgBasketMinor: purchaseCount ? Math.floor(netSpendMinor / purchaseCount) : 0,
    tenureDays: start ? Math.max(0, days(now.getTime() - start.getTime())) : 0,
    usualIntervalDays: gaps.length ? Math.round(median(gaps) * 10) / 10 : null,
    recencyDays: last ? Math.max(0, days(now.getTime() - last.getTime())) : null,
  };
}
