import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PurchaseRecordedV1Event, PurchaseReturnedV1Event, type EventEnvelope, type PurchaseRecordedV1, type PurchaseReturnedV1 } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { TierQualificationService } from './tier-qualification.service';

/** Purchases and returns from the points service feed tier qualification (each counted once). */
@Controller()
export class PurchaseEventsHandler {
  constructor(
    private readonly qualification: TierQualificationService,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(PurchaseRecordedV1Event.topic)
  async onPurchaseRecorded(@Payload() event: EventEnvelope<PurchaseRecordedV1>): Promise<void> {
    await this.idempotent.runOnce('members-tier-qualification', event, () => this.qualification.recordPurchase(event));
  }

  @EventPattern(PurchaseReturnedV1Event.topic)
  async onPurchaseReturned(@Payload() event: EventEnvelope<PurchaseReturnedV1>): Promise<void> {
    await this.idempotent.runOnce('members-tier-qualification', event, () => this.qualification.recordReturn(event));
  }
}
