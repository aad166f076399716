import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  MemberConsentChangedV1Event,
  MemberEnrolledV1Event,
  MemberErasedV1Event,
  MemberTierChangedV1Event,
  type EventEnvelope,
  type MemberConsentChangedV1,
  type MemberEnrolledV1,
  type MemberErasedV1,
  type MemberTierChangedV1,
} from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { ConsentProjection } from '../audience/consent-projection.service';
import { ProfileEvaluator } from './profile-evaluator.service';
import { ProfilesRepository } from './profiles.repository';

/**
 * Member events: the audience projection (consents, tier, store, erasure) and the member's
 * profile (enrolment makes a prospect; analytics consent starts or stops profiling; erasure
 * deletes the profile and every fact).
 */
@Controller()
export class MemberEventsHandler {
  constructor(
    private readonly projection: ConsentProjection,
    private readonly evaluator: ProfileEvaluator,
    private readonly profiles: ProfilesRepository,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(MemberConsentChangedV1Event.topic)
  async onConsentChanged(@Payload() event: EventEnvelope<MemberConsentChangedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-member-consent', event, async () => {
      await this.projection.applyConsent(p.memberId, p.purpose, { granted: p.granted, changedAt: new Date(p.changedAt) });
      if (p.purpose === 'analytics') await this.evaluator.evaluate([p.memberId]);
    });
  }

  @EventPattern(MemberEnrolledV1Event.topic)
  async onEnrolled(@Payload() event: EventEnvelope<MemberEnrolledV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-member-enrolled', event, async () => {
      await this.projection.recordEnrolment(p.memberId, new Date(p.enrolledAt), p.tier, p.preferredStoreId);
      await this.evaluator.evaluate([p.memberId]);
    });
  }

  @EventPattern(MemberTierChangedV1Event.topic)
  async onTierChanged(@Payload() event: EventEnvelope<MemberTierChangedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-member-tier', event, () => this.projection.recordTier(p.memberId, p.toTier, new Date(p.changedAt)));
  }

  @EventPattern(MemberErasedV1Event.topic)
  async onErased(@Payload() event: EventEnvelope<MemberErasedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-member-erased', event, async () => {
      await this.projection.erase(p.memberId, new Date(p.erasedAt));
      await this.profiles.deleteMember(p.memberId);
    });
  }
}
