import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';

/** A reward members can buy with points; redeeming it issues a coupon. */
export interface Reward {
  _id: string;
  name: string;
  description: string;
  pointsCost: number;
  couponValidityDays: number;
  active: boolean;
  createdBy: { id: string; role: string };
  createdAt: Date;
}
export const REWARD_MODEL = 'PointsReward';
export const RewardSchema = new Schema<Reward>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    pointsCost: { type: Number, required: true },
    couponValidityDays: { type: Number, required: true },
    active: { type: Boolean, default: true },
    createdBy: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'points_rewards', versionKey: false },
);

export const COUPON_STATES = ['reserved', 'issued', 'redeemed', 'cancelled', 'void'] as const;
export type CouponState = (typeof COUPON_STATES)[number];

/**
 * A coupon bought with points. `_id` derives from (member, request id) so a retried purchase
 * lands on the same coupon; `code` is random (80 bits) and is what the till scans.
 * Life: reserved (points not yet taken) -> issued -> redeemed | cancelled (points refunded) ;
 * reserved -> void when the balance did not cover it.
 */
export interface Coupon {
  _id: string;
  code: string;
  memberId: string;
  rewardId: string;
  pointsCost: number;
  state: CouponState;
  issuedAt: Date;
  expiresAt: Date;
  redeemedAt: Date | null;
  redeemedBy: { storeId: string; transactionId: string | null } | null;
  cancelledAt: Date | null;
  /** Set when another service granted the coupon (free of points) through coupon.grant.requested.v1. */
  grant?: CouponGrantRef | null;
}
export interface CouponGrantRef {
  grantId: string;
  source: string;
  sourceRef: string;
  reasonCode: string;
}
export const COUPON_MODEL = 'PointsCoupon';
export const CouponSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true, unique: true },
    memberId: { type: String, required: true },
    rewardId: { type: String, required: true },
    pointsCost: { type: Number, required: true },
    state: { type: String, required: true, enum: COUPON_STATES },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    redeemedAt: { type: Date, default: null },
    redeemedBy: { type: Schema.Types.Mixed, default: null },
    cancelledAt: { type: Date, default: null },
    grant: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'points_coupons', versionKey: false },
);
CouponSchema.index({ memberId: 1, issuedAt: -1 });
CouponSchema.plugin(outboxPlugin);

/** A coupon grant points refused (final: a re-sent grant with this id issues nothing). `_id` is the grant id. */
export interface CouponGrantRefusal extends CouponGrantRef {
  _id: string;
  memberId: string;
  rewardId: string;
  reason: string;
  refusedAt: Date;
}
export const COUPON_GRANT_REFUSAL_MODEL = 'PointsCouponGrantRefusal';
export const CouponGrantRefusalSchema = new Schema(
  {
    _id: { type: String, required: true },
    grantId: { type: String, required: true },
    memberId: { type: String, required: true },
    rewardId: { type: String, required: true },
    source: { type: String, required: true },
    sourceRef: { type: String, required: true },
    reasonCode: { type: String, required: true },
    reason: { type: String, required: true },
    refusedAt: { type: Date, required: true },
  },
  { collection: 'points_coupon_grant_refusals', versionKey: false },
);
CouponGrantRefusalSchema.index({ memberId: 1 });
CouponGrantRefusalSchema.plugin(outboxPlugin);
