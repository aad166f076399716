import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  MemberConsentChangedV1Event,
  MemberEnrolledV1Event,
  MemberErasedV1Event,
  type EventEnvelope,
  type MemberConsentChangedV1,
  type MemberEnrolledV1,
  type MemberErasedV1,
} from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { ConsentProjection } from './consent-projection.service';

/** Keeps the audience projection (marketing consent per member) from member events. */
@Controller()
export class MemberEventsController {
  constructor(
    private readonly projection: ConsentProjection,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(MemberConsentChangedV1Event.topic)
  async onConsentChanged(@Payload() event: EventEnvelope<MemberConsentChangedV1>): Promise<void> {
    const p = event.payload;
    if (p.purpose !== 'marketing') return; // campaigns need marketing consent only
    await this.idempotent.runOnce('segments-member-consent', event, async () => {
      await this.projection.applyMarketingConsent(p.memberId, { granted: p.granted, changedAt: new Date(p.changedAt) });
    });
  }

  @EventPattern(MemberEnrolledV1Event.topic)
  async onEnrolled(@Payload() event: EventEnvelope<MemberEnrolledV1>): Promise<void> {
    await this.idempotent.runOnce('segments-member-enrolled', event, () => this.projection.recordEnrolment(event.payload.memberId, new Date(event.payload.enrolledAt)));
  }

  @EventPattern(MemberErasedV1Event.topic)
  async onErased(@Payload() event: EventEnvelope<MemberErasedV1>): Promise<void> {
    await this.idempotent.runOnce('segments-member-erased', event, () => this.projection.erase(event.payload.memberId, new Date(event.payload.erasedAt)));
  }
}
