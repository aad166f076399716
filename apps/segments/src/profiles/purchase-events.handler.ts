import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PurchaseRecordedV1Event, PurchaseReturnedV1Event, type EventEnvelope, type PurchaseRecordedV1, type PurchaseReturnedV1 } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { AudienceRepository } from '../audience/audience.repository';
import { ProfileEvaluator } from './profile-evaluator.service';
import { ProfilesRepository } from './profiles.repository';

/**
 * Purchases and returns become facts (keyed by purchase / return id, so a redelivery adds
 * nothing), then the member is re-placed at once against the current cut points. Sales without a
 * member and members already erased are ignored.
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

  /** Once per event: store the fact (unless the member is erased) and re-place the member. */
  private async recordFact(consumer: string, event: EventEnvelope, memberId: string | null, insert: (memberId: string) => Promise<boolean>): Promise<void> {
    if (!memberId) return;
    await this.idempotent.runOnce(consumer, event, async () => {
      if ((await this.audience.find(memberId))?.erased) return;
      await insert(memberId);
      await this.evaluator.evaluate([memberId]);
    });
  }
}
