import type { LifecycleStage, RfmSegment } from '@app/contracts';
import { computeFeatures, type FeatureConfig, type MemberFeatures, type PurchaseFactInput } from './features';
import { lastReactivation, lifecycleStage, type LifecycleConfig } from './lifecycle';
import { rfmScores, segmentOf, type RfmCuts, type RfmScores, type SegmentRule } from './rfm';

export interface ProfileConfig {
  features: FeatureConfig;
  lifecycle: LifecycleConfig;
  segmentRules?: readonly SegmentRule[];
}

/** What the service knows of the member apart from purchases (from member events). */
export interface MemberStanding {
  enrolledAt: Date | null;
  /** Analytics consent granted and not erased: the member may be profiled. */
  profilingAllowed: boolean;
}

export interface ProfileState {
  profiled: boolean;
  features: MemberFeatures;
  scores: RfmScores | null;
  segment: RfmSegment | null;
  stage: LifecycleStage | null;
  lastChurnedAt: Date | null;
}

/**
 * A member's whole evaluated state at `now`, as a pure function of their facts, their standing
 * and the current cut points. Members without analytics consent keep features only: no score,
 * segment or stage. A member active in the window is scored against the cut points (none before
 * the first recompute); one who bought only before the window is `lost`, unscored.
 */
export function evaluateProfile(
  facts: { purchases: readonly PurchaseFactInput[]; returns: readonly PurchaseFactInput[] },
  standing: MemberStanding,
  cuts: RfmCuts | null,
  now: Date,
  cfg: ProfileConfig,
): ProfileState {
  const features = computeFeatures(facts.purchases, facts.returns, standing.enrolledAt, now, cfg.features);
  const churn = lastReactivation(
    facts.purchases.map((p) => p.occurredAt),
    now,
    cfg.lifecycle,
  );
  if (!standing.profilingAllowed) return { profiled: false, features, scores: null, segment: null, stage: null, lastChurnedAt: churn.churnedAt };
  const active = features.purchaseCount > 0;
  const scores =
    active && cuts && features.recencyDays !== null
      ? rfmScores({ recencyDays: features.recencyDays, frequency: features.purchaseCount, monetaryMinor: features.netSpendMinor }, cuts)
      : null;
  const segment = scores ? segmentOf(scores, cfg.segmentRules) : cuts && cuts.recency.length > 0 && !active && features.lifetimePurchases > 0 ? 'lost' : null;
  const stage = lifecycleStage({ features, monetaryScore: scores?.m ?? null, reactivatedAt: churn.reactivatedAt, now }, cfg.lifecycle);
  return { profiled: true, features, scores, segment, stage, lastChurnedAt: churn.churnedAt };
}
