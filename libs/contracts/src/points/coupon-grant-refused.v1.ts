import { IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { COUPON_GRANT_ID, COUPON_GRANT_SOURCES, type CouponGrantSource } from './coupon-grant-requested.v1';

/** Why points refused a coupon grant; a refusal is final (the grant is not retried). */
export const COUPON_GRANT_REFUSALS = ['reward_not_found', 'reward_inactive', 'member_erased'] as const;
export type CouponGrantRefusal = (typeof COUPON_GRANT_REFUSALS)[number];

/** Points refused a `coupon.grant.requested.v1` (once per grantId); nothing was issued. */
export class CouponGrantRefusedV1 {
  @Matches(COUPON_GRANT_ID) grantId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(64) rewardId!: string;
  @IsIn(COUPON_GRANT_SOURCES) source!: CouponGrantSource;
  @IsString() @MaxLength(64) sourceRef!: string;
  @IsIn(COUPON_GRANT_REFUSALS) reason!: CouponGrantRefusal;
  @IsISO8601() refusedAt!: string;
}

export const CouponGrantRefusedV1Event = defineEvent({
  type: 'coupon.grant.refused',
  version: 1,
  description: 'Points refused a coupon grant (unknown or inactive reward, erased member); final, nothing issued.',
  payload: CouponGrantRefusedV1,
  key: (p) => p.memberId,
});
