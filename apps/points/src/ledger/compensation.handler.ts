import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CampaignPointsGrantedV1Event,
  PointsCompensationGrantedV1Event,
  type CampaignPointsGrantedV1,
  type EventEnvelope,
  type PointsCompensationGrantedV1,
} from '@app/contracts';
import { IdempotentConsumer } from '@app/common';
import { PointsAccountService } from './points-account.service';

/**
 * Points granted by other services: compensation from feedback, campaign bonuses from segments.
 * Once per event (inbox) and once per compensation / grant id (ledger key).
 */
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

  @EventPattern(CampaignPointsGrantedV1Event.topic)
  async onCampaignBonus(@Payload() event: EventEnvelope<CampaignPointsGrantedV1>): Promise<void> {
    await this.idempotent.runOnce('points-campaign-bonus', event, () => this.account.grantCampaignBonus(event.payload));
  }
}
