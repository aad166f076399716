import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PurchaseRecordedV1Event, type EventEnvelope, type PurchaseRecordedV1 } from '@app/contracts';
import { PurchaseCountsRepository } from './purchase-counts.repository';

/**
 * Counts purchases per store and day for the complaint rate. The count's line is keyed by the
 * purchase id, so a redelivered event (or a claim's re-announcement) adds nothing: no separate
 * processed-event marker, one database command per sale.
 */
@Controller()
export class PurchaseEventsHandler {
  constructor(private readonly counts: PurchaseCountsRepository) {}

  @EventPattern(PurchaseRecordedV1Event.topic)
  async onRecorded(@Payload() event: EventEnvelope<PurchaseRecordedV1>): Promise<void> {
    const p = event.payload;
    await this.counts.recordOnce(p.purchaseId, p.storeId, p.occurredAt.slice(0, 10));
  }
}
