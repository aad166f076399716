import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope } from '@app/contracts';
import { WEBHOOK_EVENT_NAMES } from './webhook-events';
import { WebhookFanOut } from './webhook-fan-out.service';

/**
 * Every event integrators may subscribe to becomes one delivery per subscribed endpoint. This is
 * the messaging service's only handler of those topics: Nest chains a second handler of the same
 * topic into an observable that bypasses the consumer's retries and dead letters, so a message
 * triggered by one of these events must be started from here.
 */
@Controller()
export class WebhookEventsController {
  constructor(private readonly fanOut: WebhookFanOut) {}

  @EventPattern([...WEBHOOK_EVENT_NAMES])
  async onEvent(@Payload() event: EventEnvelope): Promise<void> {
    await this.fanOut.queue(event);
  }
}
