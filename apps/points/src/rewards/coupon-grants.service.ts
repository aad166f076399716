import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import type { CouponGrantRequestedV1 } from '@app/contracts';
import { MemberDirectory } from '../members/member-directory.service';
import { newCouponCode } from './coupons.service';
import { decideGrant, grantCouponId } from './coupon-grants';
import { RewardsRepository } from './rewards.repository';
import type { Coupon } from './rewards.schema';

const DAY = 86_400_000;

/**
 * Coupons other services grant a member (feedback compensation, segments campaigns), free of
 * points. Once per grant id: the coupon id derives from it, and a refusal is recorded under it, so
 * a redelivered or re-sent grant issues nothing new. Each outcome is announced once, in the same
 * write as its record (coupon.issued.v1 + coupon.granted.v1, or coupon.grant.refused.v1).
 */
@Injectable()
export class CouponGrantsService {
  private readonly log = new Logger(CouponGrantsService.name);

  constructor(
    private readonly repo: RewardsRepository,
    private readonly members: MemberDirectory,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async grant(p: CouponGrantRequestedV1): Promise<void> {
    const couponId = grantCouponId(p.grantId);
    if (await this.repo.findCoupon(couponId)) return;
    if (await this.repo.findRefusal(p.grantId)) return;
    const decision = decideGrant(await this.repo.findReward(p.rewardId), await this.members.isErased(p.memberId));
    const now = this.clock.now();
    const ref = { grantId: p.grantId, source: p.source, sourceRef: p.sourceRef, reasonCode: p.reasonCode };
    if (decision.kind === 'refuse') {
      const refused = this.events.create('coupon.grant.refused.v1', {
        grantId: p.grantId,
        memberId: p.memberId,
        rewardId: p.rewardId,
        source: p.source,
        sourceRef: p.sourceRef,
        reason: decision.reason,
        refusedAt: now.toISOString(),
      });
      if (
        await this.repo.insertRefusal({ _id: p.grantId, ...ref, memberId: p.memberId, rewardId: p.rewardId, reason: decision.reason, refusedAt: now }, [
          refused,
        ])
      ) {
        this.log.warn(`Coupon grant ${p.grantId} from ${p.source} refused: ${decision.reason}`);
      }
      return;
    }
    const expiresAt = new Date(now.getTime() + decision.validityDays * DAY);
    const coupon: Coupon = {
      _id: couponId,
      code: newCouponCode(),
      memberId: p.memberId,
      rewardId: p.rewardId,
      pointsCost: 0,
      state: 'issued',
      issuedAt: now,
      expiresAt,
      redeemedAt: null,
      redeemedBy: null,
      cancelledAt: null,
      grant: ref,
    };
    await this.repo.insertGrantedCoupon(coupon, [
      this.events.create('coupon.issued.v1', {
        couponId,
        memberId: p.memberId,
        rewardId: p.rewardId,
        pointsCost: 0,
        expiresAt: expiresAt.toISOString(),
        issuedAt: now.toISOString(),
      }),
      this.events.create('coupon.granted.v1', {
        grantId: p.grantId,
        couponId,
        memberId: p.memberId,
        rewardId: p.rewardId,
        source: p.source,
        sourceRef: p.sourceRef,
        expiresAt: expiresAt.toISOString(),
        grantedAt: now.toISOString(),
      }),
    ]);
  }
}
