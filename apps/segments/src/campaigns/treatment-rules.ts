import { createHash } from 'node:crypto';
import type { ContactDecision, SkipReason } from '../audience/consent-rules';

/**
 * Who a campaign treats, as pure functions. The order is fixed: marketing consent first (a member
 * without it is never treated nor counted in the holdout), then the holdout (a fixed share of the
 * consenting members, chosen by a hash of campaign and member so the same member is always in or
 * out of one campaign's holdout), then the per-member frequency cap across campaigns. The budget
 * is checked last, atomically, by the caller.
 */
export const CAMPAIGN_SKIP_REASONS = ['no_consent', 'unknown_member', 'erased', 'frequency_cap', 'budget_exhausted'] as const;
export type CampaignSkipReason = (typeof CAMPAIGN_SKIP_REASONS)[number];

/** Position of a member in a campaign's holdout draw: a number in [0, 100), uniform and fixed. */
export function holdoutDraw(campaignId: string, memberId: string): number {
  const h = createHash('sha256').update(`${campaignId}\u0000${memberId}`).digest();
  return (h.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

export function inHoldout(campaignId: string, memberId: string, holdoutPercent: number): boolean {
  return holdoutPercent > 0 && holdoutDraw(campaignId, memberId) < holdoutPercent;
}

export interface FrequencyCap {
  maxTreatments: number;
  windowDays: number;
}

export type TreatmentDecision = { outcome: 'treat' } | { outcome: 'held_out' } | { outcome: 'skip'; reason: CampaignSkipReason };

export function treatmentDecision(input: {
  campaignId: string;
  memberId: string;
  contact: ContactDecision;
  holdoutPercent: number;
  cap: FrequencyCap | null;
  recentTreatments: number;
}): TreatmentDecision {
  if (!input.contact.contact) return { outcome: 'skip', reason: input.contact.reason satisfies SkipReason };
  if (inHoldout(input.campaignId, input.memberId, input.holdoutPercent)) return { outcome: 'held_out' };
  if (input.cap && input.recentTreatments >= input.cap.maxTreatments) return { outcome: 'skip', reason: 'frequency_cap' };
  return { outcome: 'treat' };
}

/** Conversion of a group and the uplift of treated over held out (rates 0..1, 4 decimals; null for an empty group). */
export function uplift(treated: { members: number; converted: number }, heldOut: { members: number; converted: number }) {
  const rate = (g: { members: number; converted: number }) => (g.members ? Math.round((g.converted / g.members) * 10_000) / 10_000 : null);
  const t = rate(treated);
  const c = rate(heldOut);
  return { treatedRate: t, heldOutRate: c, uplift: t !== null && c !== null ? Math.round((t - c) * 10_000) / 10_000 : null };
}
