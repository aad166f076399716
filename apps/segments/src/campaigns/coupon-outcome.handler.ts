import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CouponGrantedV1Event, CouponGrantRefusedV1Event, type CouponGrantedV1, type CouponGrantRefusedV1, type EventEnvelope } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { CampaignsRepository } from './campaigns.repository';

/**
 * Points' answer to a campaign's coupon grants (`sourceRef` is the campaign id): the recipient
 * records `issued` or the refusal reason once, and the results count the coupons issued.
 * Grants of other sources are ignored.
 */
@Controller()
export class CouponOutcomeHandler {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(CouponGrantedV1Event.topic)
  async onGranted(@Payload() event: EventEnvelope<CouponGrantedV1>): Promise<void> {
    const p = event.payload;
    if (p.source !== 'segments') return;
    await this.idempotent.runOnce('segments-coupon-granted', event, () => this.repo.recordCouponOutcome(p.sourceRef, p.memberId, p.grantId, 'issued'));
  }

  @EventPattern(CouponGrantRefusedV1Event.topic)
  async onRefused(@Payload() event: EventEnvelope<CouponGrantRefusedV1>): Promise<void> {
    const p = event.payload;
    if (p.source !== 'segments') return;
    await this.idempotent.runOnce('segments-coupon-refused', event, () => this.repo.recordCouponOutcome(p.sourceRef, p.memberId, p.grantId, p.reason));
  }
}
