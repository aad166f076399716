import type { LifecycleStage } from '@app/contracts';
import { DAY_MS, type MemberFeatures } from './features';

/**
 * Lifecycle stages as a pure function of the features, the monetary score and the evaluation
 * time, so that time alone (a scheduled evaluation on the injected clock) moves a member to
 * at-risk and churned without a new purchase.
 */
export interface LifecycleConfig {
  /** A member is `new` this many days after their first purchase (and `reactivated` after the purchase that brought them back). */
  newDays: number;
  /** No purchase for this many days: `churned`. */
  churnDays: number;
  /** No purchase for this many times the member's own usual interval: `at_risk`. */
  atRiskFactor: number;
  /** Usual interval assumed for a member with a single purchase (days). */
  defaultIntervalDays: number;
}

export interface LifecycleInput {
  features: Pick<MemberFeatures, 'firstPurchaseAt' | 'lastPurchaseAt' | 'usualIntervalDays'>;
  /** Monetary quintile score (null: not scored). */
  monetaryScore: number | null;
  /** The purchase that last brought the member back after churn, if any (see lastReactivation). */
  reactivatedAt: Date | null;
  now: Date;
}

export function lifecycleStage(input: LifecycleInput, cfg: LifecycleConfig): LifecycleStage {
  const { firstPurchaseAt, lastPurchaseAt, usualIntervalDays } = input.features;
  if (!firstPurchaseAt || !lastPurchaseAt) return 'prospect';
  const now = input.now.getTime();
  const idle = (now - lastPurchaseAt.getTime()) / DAY_MS;
  if (idle >= cfg.churnDays) return 'churned';
  if (idle >= cfg.atRiskFactor * (usualIntervalDays ?? cfg.defaultIntervalDays)) return 'at_risk';
  if (input.reactivatedAt && (now - input.reactivatedAt.getTime()) / DAY_MS < cfg.newDays) return 'reactivated';
  if ((now - firstPurchaseAt.getTime()) / DAY_MS < cfg.newDays) return 'new';
  if (input.monetaryScore === 5) return 'high_value';
  return 'active';
}

/**
 * The last churn and the purchase that ended it, from the purchase times alone (data time, so the
 * answer does not depend on when evaluations ran or the order events arrived in): a gap of
 * churnDays or more between two purchases means the member churned churnDays after the first and
 * was reactivated by the second. A member idle for churnDays now churned then, not reactivated.
 */
export function lastReactivation(
  purchaseTimes: readonly Date[],
  now: Date,
  cfg: Pick<LifecycleConfig, 'churnDays'>,
): { churnedAt: Date | null; reactivatedAt: Date | null } {
  const t = purchaseTimes.map((d) => d.getTime()).sort((a, b) => a - b);
  const span = cfg.churnDays * DAY_MS;
  const last = t[t.length - 1];
  if (last !== undefined && now.getTime() - last >= span) return { churnedAt: new Date(last + span), reactivatedAt: null };
  for (let i = t.length - 1; i > 0; i--) if (t[i] - t[i - 1] >= span) return { churnedAt: new Date(t[i - 1] + span), reactivatedAt: new Date(t[i]) };
  return { churnedAt: null, reactivatedAt: null };
}
