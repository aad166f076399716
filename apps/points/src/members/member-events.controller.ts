import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  MemberBirthdayV1Event,
  MemberEnrolledV1Event,
  MemberErasedV1Event,
  MemberTierChangedV1Event,
  type EventEnvelope,
  type MemberBirthdayV1,
  type MemberEnrolledV1,
  type MemberErasedV1,
  type MemberTierChangedV1,
} from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { MemberRefRepository } from './member-ref.repository';

/** Keeps the local member projection from member events (every effect is an idempotent upsert). */
@Controller()
export class MemberEventsController {
  constructor(
    private readonly refs: MemberRefRepository,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(MemberEnrolledV1Event.topic)
  async onEnrolled(@Payload() event: EventEnvelope<MemberEnrolledV1>): Promise<void> {
    await this.idempotent.runOnce('points-member-enrolled', event, () => this.refs.ensureKnown(event.payload.memberId, event.payload.tier));
  }

  @EventPattern(MemberTierChangedV1Event.topic)
  async onTierChanged(@Payload() event: EventEnvelope<MemberTierChangedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('points-member-tier', event, () => this.refs.setTier(p.memberId, p.toTier, p.earnMultiplierPercent, new Date(p.changedAt)));
  }

  @EventPattern(MemberBirthdayV1Event.topic)
  async onBirthday(@Payload() event: EventEnvelope<MemberBirthdayV1>): Promise<void> {
    await this.idempotent.runOnce('points-member-birthday', event, () => this.refs.setBirthday(event.payload.memberId, event.payload.date));
  }

  @EventPattern(MemberErasedV1Event.topic)
  async onErased(@Payload() event: EventEnvelope<MemberErasedV1>): Promise<void> {
    await this.idempotent.runOnce('points-member-erased', event, () => this.refs.erase(event.payload.memberId));
  }
}
