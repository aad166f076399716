import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CampaignMessageRequestedV1Event, type CampaignMessageRequestedV1, type EventEnvelope } from '@app/contracts';
import { RequestMessage } from './usecases/request-message.usecase';

/** Campaign message requests from segments become queued messages (once per campaign and member). */
@Controller()
export class CampaignEventsController {
  constructor(private readonly request: RequestMessage) {}

  @EventPattern(CampaignMessageRequestedV1Event.topic)
  async onMessageRequested(@Payload() event: EventEnvelope<CampaignMessageRequestedV1>): Promise<void> {
    await this.request.fromCampaign(event.payload);
  }
}
