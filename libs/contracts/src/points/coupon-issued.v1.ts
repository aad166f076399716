import { IsInt, IsISO8601, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A member redeemed points for a reward and got a coupon. The coupon code itself is a secret and never travels. */
export class CouponIssuedV1 {
  @IsString() @MaxLength(64) couponId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(64) rewardId!: string;
  @IsInt() @Min(0) pointsCost!: number;
  @IsISO8601() expiresAt!: string;
  @IsISO8601() issuedAt!: string;
}

export const CouponIssuedV1Event = defineEvent({
  type: 'coupon.issued',
  version: 1,
  description: 'A coupon was issued to a member in exchange for points.',
  payload: CouponIssuedV1,
  key: (p) => p.memberId,
});
