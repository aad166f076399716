import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { insertRawWithEvents, isDuplicateKeyError, updateWithEvents, insertOnce } from '@app/common';
import { COUPON_GRANT_REFUSAL_MODEL, COUPON_MODEL, REWARD_MODEL, type Coupon, type CouponGrantRefusal, type CouponState, type Reward } from './rewards.schema';

/** The only place that touches rewards and coupons. */
@Injectable()
export class RewardsRepository {
  constructor(
    @InjectModel(REWARD_MODEL) private readonly rewards: Model<Reward>,
    @InjectModel(COUPON_MODEL) private readonly coupons: Model<Coupon>,
    @InjectModel(COUPON_GRANT_REFUSAL_MODEL) private readonly refusals: Model<CouponGrantRefusal>,
  ) {}

  async insertReward(reward: Reward): Promise<boolean> {
    return insertOnce(this.rewards, reward);
  }

  async findReward(id: string): Promise<Reward | null> {
    return this.rewards.findById(id).lean<Reward>().exec();
  }

  async listRewards(activeOnly: boolean): Promise<Reward[]> {
    return this.rewards
      .find(activeOnly ? { active: true } : {})
      .sort({ pointsCost: 1, _id: 1 })
      .lean<Reward[]>()
      .exec();
  }

  /** Reserve the coupon of one purchase request; false if it exists (a retry). */
  async reserveCoupon(coupon: Coupon): Promise<boolean> {
    try {
      await this.coupons.create(coupon);
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      if (await this.coupons.exists({ _id: coupon._id })) return false;
      throw err; // a code collision (2^-80): let the caller retry with a fresh code
    }
  }

  /** Insert a granted coupon with the events announcing it; false if it exists (a re-sent grant). */
  async insertGrantedCoupon(coupon: Coupon, events: EventEnvelope[]): Promise<boolean> {
    if (await insertRawWithEvents(this.coupons, coupon, events)) return true;
    if (await this.coupons.exists({ _id: coupon._id })) return false;
    throw new Error('Coupon code collision'); // 2^-80: the redelivery retries with a fresh code
  }

  async findRefusal(grantId: string): Promise<CouponGrantRefusal | null> {
    return this.refusals.findById(grantId).lean<CouponGrantRefusal>().exec();
  }

  /** Record a refused grant with the event announcing it; false if it was recorded before. */
  async insertRefusal(refusal: CouponGrantRefusal, events: EventEnvelope[]): Promise<boolean> {
    return insertRawWithEvents(this.refusals, refusal, events);
  }

  async findCoupon(id: string): Promise<Coupon | null> {
    return this.coupons.findById(id).lean<Coupon>().exec();
  }

  async findByCode(code: string): Promise<Coupon | null> {
    return this.coupons.findOne({ code }).lean<Coupon>().exec();
  }

  async couponsOf(memberId: string): Promise<Coupon[]> {
    return this.coupons
      .find({ memberId, state: { $in: ['issued', 'redeemed', 'cancelled'] } })
      .sort({ issuedAt: -1 })
      .limit(500)
      .lean<Coupon[]>()
      .exec();
  }

  /** Every coupon a member holds or held, whatever its state (the member's data export). */
  async allCouponsOf(memberId: string, limit: number): Promise<Coupon[]> {
    return this.coupons.find({ memberId }).sort({ issuedAt: 1 }).limit(limit).lean<Coupon[]>().exec();
  }

  /** Move a coupon from one state to another, with the events announcing it, atomically. */
  async transition(
    filter: { _id?: string; code?: string; memberId?: string },
    from: CouponState,
    set: Partial<Coupon> & { state: CouponState },
    events: EventEnvelope[],
    extra: Record<string, unknown> = {},
  ): Promise<Coupon | null> {
    return this.coupons
      .findOneAndUpdate({ ...filter, state: from, ...extra }, updateWithEvents({ $set: set }, events), { new: true })
      .lean<Coupon>()
      .exec();
  }
}
