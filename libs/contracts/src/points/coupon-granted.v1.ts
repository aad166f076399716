import { IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { COUPON_GRANT_ID, COUPON_GRANT_SOURCES, type CouponGrantSource } from './coupon-grant-requested.v1';

/** Points issued the coupon a `coupon.grant.requested.v1` asked for (once per grantId). The code never travels. */
export class CouponGrantedV1 {
  @Matches(COUPON_GRANT_ID) grantId!: string;
  @IsString() @MaxLength(64) couponId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(64) rewardId!: string;
  @IsIn(COUPON_GRANT_SOURCES) source!: CouponGrantSource;
  @IsString() @MaxLength(64) sourceRef!: string;
  @IsISO8601() expiresAt!: string;
  @IsISO8601() grantedAt!: string;
}

export const CouponGrantedV1Event = defineEvent({
  type: 'coupon.granted',
  version: 1,
  description: 'Points granted the coupon a service asked for (once per grantId).',
  payload: CouponGrantedV1,
  key: (p) => p.memberId,
});
