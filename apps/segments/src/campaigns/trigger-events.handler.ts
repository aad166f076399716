import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  LifecycleStageChangedV1Event,
  MemberBirthdayV1Event,
  SegmentEnteredV1Event,
  SegmentExitedV1Event,
  type EventEnvelope,
  type LifecycleStageChangedV1,
  type MemberBirthdayV1,
  type SegmentEnteredV1,
  type SegmentExitedV1,
} from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { RunTriggers } from './usecases/run-triggers.usecase';

/**
 * Campaign triggers from the event stream (the service's own segment and stage moves, and member
 * birthdays). Each event runs once (inbox), and each decision is keyed by the event id, so a
 * redelivered or replayed trigger treats no one twice.
 */
@Controller()
export class TriggerEventsHandler {
  constructor(
    private readonly triggers: RunTriggers,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(SegmentEnteredV1Event.topic)
  async onSegmentEntered(@Payload() event: EventEnvelope<SegmentEnteredV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-trigger-segment-entered', event, () =>
      this.triggers.fire({ on: 'segment_entered', value: p.segment, memberId: p.memberId, eventId: event.id, at: new Date(p.enteredAt) }),
    );
  }

  @EventPattern(SegmentExitedV1Event.topic)
  async onSegmentExited(@Payload() event: EventEnvelope<SegmentExitedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-trigger-segment-exited', event, () =>
      this.triggers.fire({ on: 'segment_exited', value: p.segment, memberId: p.memberId, eventId: event.id, at: new Date(p.exitedAt) }),
    );
  }

  @EventPattern(LifecycleStageChangedV1Event.topic)
  async onStageChanged(@Payload() event: EventEnvelope<LifecycleStageChangedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-trigger-stage', event, () =>
      this.triggers.fire({ on: 'stage_entered', value: p.toStage, memberId: p.memberId, eventId: event.id, at: new Date(p.changedAt) }),
    );
  }

  @EventPattern(MemberBirthdayV1Event.topic)
  async onBirthday(@Payload() event: EventEnvelope<MemberBirthdayV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('segments-trigger-birthday', event, () =>
      this.triggers.fire({ on: 'birthday', value: null, memberId: p.memberId, eventId: event.id, at: new Date(event.occurredAt) }),
    );
  }
}
