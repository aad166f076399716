import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope } from '@app/contracts';
import { WEBHOOK_EVENT_NAMES } from './webhook-events';
import { WebhookFanOut } from './webhook-fan-out.service';

/** Every event integrators may subscribe to becomes one delivery per subscribed endpoint. */
@Controller()
export class WebhookEventsController {
  constructor(private readonly fanOut: WebhookFanOut) {}

  @EventPattern([...WEBHOOK_EVENT_NAMES])
  async onEvent(@Payload() event: EventEnvelope): Promise<void> {
    await this.fanOut.queue(event);
  }
}
