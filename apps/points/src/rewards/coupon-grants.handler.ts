import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CouponGrantRequestedV1Event, type CouponGrantRequestedV1, type EventEnvelope } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { CouponGrantsService } from './coupon-grants.service';

/** Coupons granted by other services: once per event (inbox) and once per grant id (coupon id / refusal). */
@Controller()
export class CouponGrantsHandler {
  constructor(
    private readonly grants: CouponGrantsService,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(CouponGrantRequestedV1Event.topic)
  async onRequested(@Payload() event: EventEnvelope<CouponGrantRequestedV1>): Promise<void> {
    await this.idempotent.runOnce('points-coupon-grant', event, () => this.grants.grant(event.payload));
  }
}
