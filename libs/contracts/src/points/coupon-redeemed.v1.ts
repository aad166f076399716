import { IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A coupon was used at a till. */
export class CouponRedeemedV1 {
  @IsString() @MaxLength(64) couponId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(64) rewardId!: string;
  @IsString() @MaxLength(64) storeId!: string;
  @IsISO8601() redeemedAt!: string;
}

export const CouponRedeemedV1Event = defineEvent({
  type: 'coupon.redeemed',
  version: 1,
  description: 'A coupon was redeemed at a store.',
  payload: CouponRedeemedV1,
  key: (p) => p.memberId,
});
