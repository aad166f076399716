import { IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A member spent points (for a reward, coupon or discount at the till). */
export class PointsRedeemedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(200) redemptionId!: string;
  @IsInt() @Min(1) points!: number;
  @IsOptional() @IsString() @MaxLength(64) rewardId!: string | null;
  @IsOptional() @IsString() @MaxLength(64) storeId!: string | null;
  @IsISO8601() occurredAt!: string;
}

export const PointsRedeemedV1Event = defineEvent({
  type: 'points.redeemed',
  version: 1,
  description: 'Points were spent by a member.',
  payload: PointsRedeemedV1,
  key: (p) => p.memberId,
});
