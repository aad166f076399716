import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PurchaseRecordedV1Event, PurchaseReturnedV1Event, type EventEnvelope, type PurchaseRecordedV1, type PurchaseReturnedV1 } from '@app/contracts';
import { AudienceRepository } from '../audience/audience.repository';
import { IdempotentConsumer } from '@app/common';
import { ProfileEvaluator } from './profile-evaluator.service';
import { ProfilesRepository } from './profiles.repository';

/**
 * Purchases and returns become facts (keyed by purchase / return id, so a redelivery adds
 * nothing), then the member is re-placed at once against the current cut points. Sales without a
 * member and members already erased are ignored. The fact's key makes the insert idempotent and
 * re-placing is idempotent too (an unchanged placement writes nothing), so the processed-event
 * marker is written (for operators and tests) but not read first: a redelivery only re-places the
 * member again, and a sale costs one command less.
 */
@Controller()
export class PurchaseEventsHandler {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly audience: AudienceRepository,
    private readonly evaluator: ProfileEvaluator,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(PurchaseRecordedV1Event.topic)
  async onPurchase(@Payload() event: EventEnvelope<PurchaseRecordedV1>): Promise<void> {
    const p = event.payload;
    await this.recordFact('segments-purchase-recorded', event, p.memberId, (memberId) =>
      this.profiles.insertPurchase({ _id: p.purchaseId, memberId, occurredAt: new Date(p.occurredAt), amountMinor: p.amountMinor, currency: p.currency }),
    );
  }

  @EventPattern(PurchaseReturnedV1Event.topic)
  async onReturn(@Payload() event: EventEnvelope<PurchaseReturnedV1>): Promise<void> {
    const p = event.payload;
    await this.recordFact('segments-purchase-returned', event, p.memberId, (memberId) =>
      this.profiles.insertReturn({
        _id: p.returnId,
        purchaseId: p.purchaseId,
        memberId,
        occurredAt: new Date(p.occurredAt),
        amountMinor: p.amountMinor,
        currency: p.currency,
      }),
    );
  }

  /** Store the fact (unless the member is erased) and re-place the member with the audience row just read. */
  private async recordFact(consumer: string, event: EventEnvelope, memberId: string | null, insert: (memberId: string) => Promise<boolean>): Promise<void> {
    if (!memberId) return;
    const member = await this.audience.find(memberId);
    if (!member?.erased) {
      await insert(memberId);
      await this.evaluator.evaluate([memberId], undefined, member ? [member] : []);
    }
    await this.idempotent.markProcessed(consumer, event);
  }
}
