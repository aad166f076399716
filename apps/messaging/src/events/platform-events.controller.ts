import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CaseAcknowledgedV1Event,
  CaseResolvedV1Event,
  MemberTierChangedV1Event,
  SurveyRequestedV1Event,
  type CaseAcknowledgedV1,
  type CaseResolvedV1,
  type EventEnvelope,
  type MemberTierChangedV1,
  type SurveyRequestedV1,
} from '@app/contracts';
import { RequestMessage } from '../deliveries/usecases/request-message.usecase';
import { WEBHOOK_EVENT_NAMES } from '../webhooks/webhook-events';
import { WebhookFanOut } from '../webhooks/webhook-fan-out.service';

/**
 * The platform's events as messaging hears them: each goes to the integrators' webhooks that
 * want it, and some also start a message to the member (a tier change, a case acknowledged or
 * resolved, a survey invitation). One handler for all of
 * them on purpose: Nest chains a second handler of the same topic into an observable that
 * bypasses the consumer's retries and dead letters. Both effects are idempotent (keyed by the
 * event id), so a retried event changes nothing twice.
 */
@Controller()
export class PlatformEventsController {
  constructor(
    private readonly fanOut: WebhookFanOut,
    private readonly requests: RequestMessage,
  ) {}

  @EventPattern([...WEBHOOK_EVENT_NAMES])
  async onEvent(@Payload() event: EventEnvelope): Promise<void> {
    await this.requestMessage(event);
    await this.fanOut.queue(event);
  }

  private async requestMessage(event: EventEnvelope): Promise<void> {
    switch (`${event.type}.v${event.version}`) {
      case MemberTierChangedV1Event.name:
        await this.requests.fromTierChange(event as EventEnvelope<MemberTierChangedV1>);
        return;
      case CaseAcknowledgedV1Event.name:
        await this.requests.fromCaseAcknowledged(event as EventEnvelope<CaseAcknowledgedV1>);
        return;
      case CaseResolvedV1Event.name:
        await this.requests.fromCaseResolved(event as EventEnvelope<CaseResolvedV1>);
        return;
      case SurveyRequestedV1Event.name:
        await this.requests.fromSurveyRequested(event as EventEnvelope<SurveyRequestedV1>);
        return;
      default:
        return;
    }
  }
}
