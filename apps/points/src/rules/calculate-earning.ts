import type { EarningRuleSet, RoundingPolicy } from './earning-rules';

export interface SaleLineInput {
  sku: string;
  category: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
}

export interface SaleInput {
  storeId: string;
  occurredAt: Date;
  currency: string;
  totalMinor: number;
  lines: SaleLineInput[];
}

export interface MemberEarningContext {
  /** Tier multiplier in percent (100 = 1x). */
  earnMultiplierPercent: number;
  tier: string | null;
  isBirthday: boolean;
  /** Points already earned by this member on the UTC day of the sale (for the daily cap). */
  earnedTodayBefore: number;
}

export interface RuleContribution {
  rule: string;
  points: number;
}

export interface EarningResult {
  points: number;
  ruleVersion: number;
  /** Amount (minor units) that earned points, after exclusions and transaction-level discounts. */
  eligibleMinor: number;
  rules: RuleContribution[];
}

function round(value: number, policy: RoundingPolicy): number {
  // Guard against binary noise (0.1 + 0.2): snap to 6 decimals before rounding.
  const v = Math.round(value * 1e6) / 1e6;
  switch (policy) {
    case 'floor':
      return Math.floor(v);
    case 'ceil':
      return Math.ceil(v);
    case 'round':
      return Math.round(v);
  }
}

const lineNet = (l: SaleLineInput) => Math.max(0, l.quantity * l.unitPriceMinor - l.discountMinor);

/**
 * Points for one sale. Pure: same inputs, same answer. Each rule's contribution is rounded on its
 * own (so the receipt lines add up to the total); caps are applied last as negative lines.
 * Order: base + category/SKU/promotion bonuses + birthday percent on base, then the tier
 * multiplier on that sum, then the birthday fixed points, then the per-transaction and per-day caps.
 */
export function calculateEarning(ruleSet: EarningRuleSet, sale: SaleInput, member: MemberEarningContext): EarningResult {
  const { rules } = ruleSet;
  const rate = rules.baseRates.find((r) => r.currency === sale.currency) ?? rules.baseRates.find((r) => r.currency === '*');
  const excludedCategories = new Set(rules.excludedCategories);
  const excludedSkus = new Set(rules.excludedSkus);
  const linesTotal = sale.lines.reduce((s, l) => s + lineNet(l), 0);
  // A transaction-level discount (total below the sum of lines) shrinks every line alike.
  const paidFactor = linesTotal > 0 ? Math.min(1, sale.totalMinor / linesTotal) : 0;
  const eligible = sale.lines
    .filter((l) => !excludedCategories.has(l.category) && !excludedSkus.has(l.sku))
    .map((l) => ({ line: l, minor: lineNet(l) * paidFactor }));
  const eligibleMinor = Math.floor(eligible.reduce((s, e) => s + e.minor, 0) + 1e-6);
  if (!rate || eligibleMinor <= 0) return { points: 0, ruleVersion: ruleSet.version, eligibleMinor: Math.max(0, eligibleMinor), rules: [] };

  const pointsOf = (minor: number) => (minor / rate.minorPerUnit) * rate.pointsPerUnit;
  const basePoints = (match: (l: SaleLineInput) => boolean) => pointsOf(eligible.filter((e) => match(e.line)).reduce((s, e) => s + e.minor, 0));
  const parts: RuleContribution[] = [];
  const add = (rule: string, exact: number) => {
    const points = round(exact, rules.rounding);
    if (points !== 0) parts.push({ rule, points });
    return points;
  };

  let subtotal = add('base', pointsOf(eligibleMinor));
  for (const b of rules.categoryBonuses) subtotal += add(`category:${b.id}`, (basePoints((l) => l.category === b.category) * b.extraPercent) / 100);
  for (const b of rules.skuBonuses) subtotal += add(`sku:${b.id}`, (basePoints((l) => l.sku === b.sku) * b.extraPercent) / 100);
  const at = sale.occurredAt.getTime();
  for (const p of rules.promotions) {
    if (at < Date.parse(p.startsAt) || at >= Date.parse(p.endsAt)) continue;
    if (p.storeIds.length > 0 && !p.storeIds.includes(sale.storeId)) continue;
    const inPromo = (l: SaleLineInput) => p.categories.length === 0 || p.categories.includes(l.category);
    subtotal += add(`promotion:${p.id}`, (basePoints(inPromo) * p.extraPercent) / 100);
  }
  if (member.isBirthday && rules.birthday.extraPercent > 0) subtotal += add('birthday.percent', (pointsOf(eligibleMinor) * rules.birthday.extraPercent) / 100);
  if (member.earnMultiplierPercent !== 100) subtotal += add(`tier:${member.tier ?? 'unknown'}`, (subtotal * (member.earnMultiplierPercent - 100)) / 100);
  if (member.isBirthday && rules.birthday.fixedPoints > 0) subtotal += add('birthday.fixed', rules.birthday.fixedPoints);

  let total = Math.max(0, subtotal);
  if (rules.maxPointsPerTransaction !== null && total > rules.maxPointsPerTransaction) {
    parts.push({ rule: 'cap.transaction', points: rules.maxPointsPerTransaction - total });
    total = rules.maxPointsPerTransaction;
  }
  if (rules.maxPointsPerDay !== null) {
    const room = Math.max(0, rules.maxPointsPerDay - member.earnedTodayBefore);
    if (total > room) {
      parts.push({ rule: 'cap.daily', points: room - total });
      total = room;
    }
  }
  return { points: total, ruleVersion: ruleSet.version, eligibleMinor, rules: parts };
}

/** The rule set in force at `at`: the newest version whose effectiveFrom is not after it. */
export function ruleSetInForce(sets: EarningRuleSet[], at: Date, fallback: EarningRuleSet): EarningRuleSet {
  let best: EarningRuleSet | null = null;
  for (const s of sets) {
    if (Date.parse(s.effectiveFrom) > at.getTime()) continue;
    if (!best || Date.parse(s.effectiveFrom) > Date.parse(best.effectiveFrom) || (s.effectiveFrom === best.effectiveFrom && s.version > best.version)) best = s;
  }
  return best ?? fallback;
}

/**
 * Points to take back for one refund, exact over any sequence of partial returns: the refund
 * occupies [returnedBefore, returnedBefore + refund) of the sale total, and the points reversed
 * are the difference of the proportional floors, so a full return reverses exactly what was earned.
 */
export function pointsToReverse(earned: number, totalMinor: number, returnedBeforeMinor: number, refundMinor: number): number {
  if (earned <= 0 || totalMinor <= 0 || refundMinor <= 0) return 0;
  const after = Math.min(totalMinor, returnedBeforeMinor + refundMinor);
  const share = (minor: number) => Math.floor((earned * minor) / totalMinor);
  return share(after) - share(returnedBeforeMinor);
}
