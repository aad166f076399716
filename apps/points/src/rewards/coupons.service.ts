import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError, EventFactory, NotFoundError, type Actor } from '@app/common';
import { PointsEnv } from '../config/points.env';
import { LedgerService } from '../ledger/ledger.service';
import type { CouponResponse, CreateRewardDto, RewardResponse } from './dto/rewards.dto';
import { RewardsRepository } from './rewards.repository';
import type { Coupon, Reward } from './rewards.schema';

const DAY = 86_400_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** 16 random base32 characters (80 bits), grouped for reading aloud at a till. */
export function newCouponCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Rewards catalogue and coupons. Buying a coupon: reserve it (keyed by member + request id),
 * debit the points conditionally (never overdraw), then issue it; a retry converges at any step.
 * Redeeming at a till and cancelling (points refunded once) are single conditional state changes.
 */
@Injectable()
export class CouponsService {
  constructor(
    private readonly repo: RewardsRepository,
    private readonly ledger: LedgerService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: PointsEnv,
  ) {}

  async createReward(dto: CreateRewardDto, actor: Actor): Promise<RewardResponse> {
    const reward: Reward = {
      _id: dto.rewardId,
      name: dto.name,
      description: dto.description ?? '',
      pointsCost: dto.pointsCost,
      couponValidityDays: dto.couponValidityDays ?? this.env.COUPON_VALIDITY_DAYS,
      active: true,
      createdBy: { id: actor.id, role: actor.role },
      createdAt: this.clock.now(),
    };
    if (!(await this.repo.insertReward(reward)))
      throw new DomainError('REWARDS.DUPLICATE', 'conflict', 'A reward with this id exists', { rewardId: dto.rewardId });
    return rewardView(reward);
  }

  async listRewards(activeOnly: boolean): Promise<RewardResponse[]> {
    return (await this.repo.listRewards(activeOnly)).map(rewardView);
  }

  async buy(memberId: string, rewardId: string, requestId: string): Promise<{ replayed: boolean; result: CouponResponse }> {
    const reward = await this.repo.findReward(rewardId);
    if (!reward || !reward.active) throw new NotFoundError('REWARDS.NOT_FOUND', 'No such reward', { rewardId });
    const couponId = `cpn-${createHash('sha256').update(`${memberId}:${requestId}`).digest('hex').slice(0, 24)}`;
    const now = this.clock.now();
    let coupon: Coupon | null = null;
    for (let attempt = 0; attempt < 3 && !coupon; attempt++) {
      const fresh: Coupon = {
        _id: couponId,
        code: newCouponCode(),
        memberId,
        rewardId,
        pointsCost: reward.pointsCost,
        state: 'reserved',
        issuedAt: now,
        expiresAt: new Date(now.getTime() + reward.couponValidityDays * DAY),
        redeemedAt: null,
        redeemedBy: null,
        cancelledAt: null,
      };
      coupon = (await this.repo.reserveCoupon(fresh)) ? fresh : await this.repo.findCoupon(couponId);
    }
    if (!coupon) throw new Error('Could not reserve a coupon');
    if (coupon.rewardId !== rewardId || coupon.memberId !== memberId)
      throw new DomainError('REWARDS.REQUEST_CONFLICT', 'conflict', 'This request id was used for another reward');
    const replayed = coupon.state !== 'reserved';
    if (coupon.state === 'void') throw insufficient();
    if (coupon.state === 'reserved') coupon = await this.issue(coupon);
    return { replayed, result: this.view(coupon) };
  }

  private async issue(coupon: Coupon): Promise<Coupon> {
    const now = this.clock.now();
    const redeemed = this.events.create('points.redeemed.v1', {
      memberId: coupon.memberId,
      redemptionId: coupon._id,
      points: coupon.pointsCost,
      rewardId: coupon.rewardId,
      storeId: null,
      occurredAt: now.toISOString(),
    });
    const posted = await this.ledger.post(
      {
        key: `reward:${coupon._id}`,
        memberId: coupon.memberId,
        type: 'redeem',
        availableDelta: -coupon.pointsCost,
        spentDelta: coupon.pointsCost,
        reference: { couponId: coupon._id, rewardId: coupon.rewardId },
        occurredAt: now,
      },
      [redeemed],
      { requireAvailable: true },
    );
    if (posted.outcome === 'insufficient') {
      await this.repo.transition({ _id: coupon._id }, 'reserved', { state: 'void' }, []);
      throw insufficient(posted.balance.available);
    }
    const issuedEvent = this.events.create('coupon.issued.v1', {
      couponId: coupon._id,
      memberId: coupon.memberId,
      rewardId: coupon.rewardId,
      pointsCost: coupon.pointsCost,
      expiresAt: new Date(coupon.expiresAt).toISOString(),
      issuedAt: new Date(coupon.issuedAt).toISOString(),
    });
    const issued = await this.repo.transition({ _id: coupon._id }, 'reserved', { state: 'issued' }, [issuedEvent]);
    return issued ?? (await this.repo.findCoupon(coupon._id)) ?? coupon;
  }

  async couponsOf(memberId: string): Promise<CouponResponse[]> {
    return (await this.repo.couponsOf(memberId)).map((c) => this.view(c));
  }

  /** At the till: once per coupon; a retry from the same sale answers again. */
  async redeemAtTill(code: string, storeId: string, transactionId: string | null): Promise<{ replayed: boolean; result: CouponResponse }> {
    const now = this.clock.now();
    const found = await this.repo.findByCode(code);
    if (!found || found.state === 'reserved' || found.state === 'void') throw new NotFoundError('COUPON.NOT_FOUND', 'No such coupon');
    const event = this.events.create('coupon.redeemed.v1', {
      couponId: found._id,
      memberId: found.memberId,
      rewardId: found.rewardId,
      storeId,
      redeemedAt: now.toISOString(),
    });
    const done = await this.repo.transition({ code }, 'issued', { state: 'redeemed', redeemedAt: now, redeemedBy: { storeId, transactionId } }, [event], {
      expiresAt: { $gt: now },
    });
    if (done) return { replayed: false, result: this.view(done) };
    const current = (await this.repo.findByCode(code))!;
    if (current.state === 'redeemed') {
      if (current.redeemedBy?.storeId === storeId && current.redeemedBy.transactionId === transactionId && transactionId !== null)
        return { replayed: true, result: this.view(current) };
      throw new DomainError('COUPON.ALREADY_REDEEMED', 'conflict', 'This coupon was already used');
    }
    if (current.state === 'cancelled') throw new DomainError('COUPON.CANCELLED', 'conflict', 'This coupon was cancelled');
    throw new DomainError('COUPON.EXPIRED', 'gone', 'This coupon has expired', { expiresAt: new Date(current.expiresAt).toISOString() });
  }

  /** Cancel an unused, unexpired coupon; its points (if it cost any) come back once (as a new lot). */
  async cancel(memberId: string, couponId: string, actor: Actor): Promise<{ replayed: boolean; result: CouponResponse }> {
    const now = this.clock.now();
    let coupon = await this.repo.transition({ _id: couponId, memberId }, 'issued', { state: 'cancelled', cancelledAt: now }, [], { expiresAt: { $gt: now } });
    const replayed = !coupon;
    if (!coupon) {
      coupon = await this.repo.findCoupon(couponId);
      if (!coupon || coupon.memberId !== memberId || coupon.state === 'reserved' || coupon.state === 'void')
        throw new NotFoundError('COUPON.NOT_FOUND', 'No such coupon');
      if (coupon.state !== 'cancelled') throw new DomainError('COUPON.NOT_CANCELLABLE', 'conflict', `A ${this.view(coupon).state} coupon cannot be cancelled`);
    }
    if (coupon.pointsCost === 0) return { replayed, result: this.view(coupon) }; // a granted coupon: no points to give back
    const key = `refund:${coupon._id}`;
    const event = this.events.create('points.adjusted.v1', {
      memberId,
      adjustmentId: key,
      points: coupon.pointsCost,
      reasonCode: 'coupon_cancelled',
      actorId: actor.id,
      actorRole: actor.role,
      occurredAt: now.toISOString(),
    });
    await this.ledger.post(
      {
        key,
        memberId,
        type: 'refund',
        availableDelta: coupon.pointsCost,
        reasonCode: 'coupon_cancelled',
        actor: { id: actor.id, role: actor.role },
        reference: { couponId: coupon._id },
        lot: { points: coupon.pointsCost, availableAt: now, expiresAt: addMonths(now, this.env.POINTS_EXPIRY_MONTHS), released: true },
        occurredAt: now,
      },
      [event],
    );
    return { replayed, result: this.view(coupon) };
  }

  private view(c: Coupon): CouponResponse {
    const expired = c.state === 'issued' && new Date(c.expiresAt).getTime() <= this.clock.now().getTime();
    return {
      couponId: c._id,
      code: c.code,
      memberId: c.memberId,
      rewardId: c.rewardId,
      pointsCost: c.pointsCost,
      state: expired ? 'expired' : (c.state as CouponResponse['state']),
      issuedAt: new Date(c.issuedAt).toISOString(),
      expiresAt: new Date(c.expiresAt).toISOString(),
      redeemedAt: c.redeemedAt ? new Date(c.redeemedAt).toISOString() : null,
    };
  }
}

function insufficient(available?: number): DomainError {
  return new DomainError(
    'POINTS.INSUFFICIENT_BALANCE',
    'unprocessable',
    'Not enough available points for this reward',
    available === undefined ? {} : { available },
  );
}

function rewardView(r: Reward): RewardResponse {
  return { rewardId: r._id, name: r.name, description: r.description, pointsCost: r.pointsCost, couponValidityDays: r.couponValidityDays, active: r.active };
}
