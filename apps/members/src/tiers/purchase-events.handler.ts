import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PurchaseRecordedV1Event, PurchaseReturnedV1Event, type EventEnvelope, type PurchaseRecordedV1, type PurchaseReturnedV1 } from '@app/contracts';
import { TierQualificationService } from './tier-qualification.service';

/**
 * Purchases and returns from the points service feed tier qualification. Each is counted once
 * by its purchase/return id (a retried upload arrives under a new event id), so no separate
 * processed-event inbox is needed: TierQualificationService is idempotent on its own.
 */
@Controller()
export class PurchaseEventsHandler {
  constructor(private readonly qualification: TierQualificationService) {}

  @EventPattern(PurchaseRecordedV1Event.topic)
  async onPurchaseRecorded(@Payload() event: EventEnvelope<PurchaseRecordedV1>): Promise<void> {
    await this.qualification.recordPurchase(event);
  }

  @EventPattern(PurchaseReturnedV1Event.topic)
  async onPurchaseReturned(@Payload() event: EventEnvelope<PurchaseReturnedV1>): Promise<void> {
    await this.qualification.recordReturn(event);
  }
}
