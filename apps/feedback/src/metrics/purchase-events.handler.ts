import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PurchaseRecordedV1Event, type EventEnvelope, type PurchaseRecordedV1 } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { PurchaseCountsRepository } from './purchase-counts.repository';

/** Counts purchases per store and day for the complaint rate (once per purchase id). */
@Controller()
export class PurchaseEventsHandler {
  constructor(
    private readonly counts: PurchaseCountsRepository,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(PurchaseRecordedV1Event.topic)
  async onRecorded(@Payload() event: EventEnvelope<PurchaseRecordedV1>): Promise<void> {
    const p = event.payload;
    await this.idempotent.runOnce('feedback-purchase-count', event, () => this.counts.recordOnce(p.purchaseId, p.storeId, p.occurredAt.slice(0, 10)));
  }
}
