import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PointsCompensationGrantedV1Event, type EventEnvelope, type PointsCompensationGrantedV1 } from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { PointsAccountService } from './points-account.service';

/** Compensation from the feedback service: once per event (inbox) and once per compensation id (ledger key). */
@Controller()
export class CompensationHandler {
  constructor(
    private readonly account: PointsAccountService,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  @EventPattern(PointsCompensationGrantedV1Event.topic)
  async onGranted(@Payload() event: EventEnvelope<PointsCompensationGrantedV1>): Promise<void> {
    await this.idempotent.runOnce('points-compensation', event, () => this.account.compensate(event.payload));
  }
}
