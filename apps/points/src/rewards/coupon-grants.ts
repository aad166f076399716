import { createHash } from 'node:crypto';
import type { CouponGrantRefusal } from '@app/contracts';
import type { Reward } from './rewards.schema';

export type GrantDecision = { kind: 'issue'; validityDays: number } | { kind: 'refuse'; reason: CouponGrantRefusal };

/**
 * Whether a coupon grant asked for by another service can be issued. Pure: the caller reads the
 * reward and the member's erasure first. A refusal is final (retrying would refuse again).
 */
export function decideGrant(reward: Pick<Reward, 'active' | 'couponValidityDays'> | null, memberErased: boolean): GrantDecision {
  if (memberErased) return { kind: 'refuse', reason: 'member_erased' };
  if (!reward) return { kind: 'refuse', reason: 'reward_not_found' };
  if (!reward.active) return { kind: 'refuse', reason: 'reward_inactive' };
  return { kind: 'issue', validityDays: reward.couponValidityDays };
}

/** The coupon id of a grant: one grant id, one coupon, however often the grant arrives. */
export function grantCouponId(grantId: string): string {
  return `cpn-g-${createHash('sha256').update(grantId).digest('hex').slice(0, 24)}`;
}
