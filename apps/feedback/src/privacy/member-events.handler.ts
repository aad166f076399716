import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MemberErasedV1Event, type EventEnvelope, type MemberErasedV1 } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { ContactErasureService } from '../cases/contact-erasure.service';

/** member.erased: the member's cases lose their personal data; codes, deadlines and scores stay (pseudonymous KPIs). */
@Controller()
export class MemberEventsHandler {
  constructor(
    private readonly erasure: ContactErasureService,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(MemberErasedV1Event.topic)
  async onErased(@Payload() event: EventEnvelope<MemberErasedV1>): Promise<void> {
    await this.idempotent.runOnce('feedback-member-erased', event, async () => {
      await this.erasure.eraseMember(event.payload.memberId);
    });
  }
}
