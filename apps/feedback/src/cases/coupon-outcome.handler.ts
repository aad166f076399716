import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CouponGrantedV1Event, CouponGrantRefusedV1Event, type CouponGrantedV1, type CouponGrantRefusedV1, type EventEnvelope } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { CasesRepository } from './cases.repository';

/**
 * Points' answer to a case's coupon compensation (coupon.granted / coupon.grant.refused for grants
 * feedback sent; `sourceRef` is the case id): the case shows it once. Grants of other sources are ignored.
 */
@Controller()
export class CouponOutcomeHandler {
  constructor(
    private readonly repo: CasesRepository,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(CouponGrantedV1Event.topic)
  async onGranted(@Payload() event: EventEnvelope<CouponGrantedV1>): Promise<void> {
    const p = event.payload;
    if (p.source !== 'feedback') return;
    await this.idempotent.runOnce('feedback-coupon-granted', event, () =>
      this.repo.settleCouponCompensation(p.sourceRef, p.grantId, { status: 'granted', couponId: p.couponId, refusal: null, settledAt: new Date(p.grantedAt) }),
    );
  }

  @EventPattern(CouponGrantRefusedV1Event.topic)
  async onRefused(@Payload() event: EventEnvelope<CouponGrantRefusedV1>): Promise<void> {
    const p = event.payload;
    if (p.source !== 'feedback') return;
    await this.idempotent.runOnce('feedback-coupon-refused', event, () =>
      this.repo.settleCouponCompensation(p.sourceRef, p.grantId, { status: 'refused', couponId: null, refusal: p.reason, settledAt: new Date(p.refusedAt) }),
    );
  }
}
