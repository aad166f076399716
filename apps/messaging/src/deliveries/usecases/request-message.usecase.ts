import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import type { CampaignMessageRequestedV1, CaseAcknowledgedV1, CaseResolvedV1, EventEnvelope, MemberTierChangedV1, SurveyRequestedV1 } from '@app/contracts';
import { MessagingEnv } from '../../config/messaging.env';
import { campaignMessageKind, isMarketing, type MessageKind } from '../../templates/message-kinds';
import { DeliveriesRepository } from '../deliveries.repository';
import { campaignRequestId, type Delivery } from '../delivery.schema';

/**
 * Queue a message for a request. The request id is the delivery's key, so a redelivered or
 * replayed event finds it there and queues nothing: at most one message per request.
 */
@Injectable()
export class RequestMessage {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly clock: Clock,
    private readonly env: MessagingEnv,
  ) {}

  async fromCampaign(p: CampaignMessageRequestedV1): Promise<boolean> {
    const now = this.clock.now();
    const kind = campaignMessageKind(p.kind);
    return this.deliveries.insert(
      newDelivery(
        {
          _id: campaignRequestId(p.campaignId, p.memberId),
          kind,
          marketing: isMarketing(kind),
          channel: p.channel,
          memberId: p.memberId,
          campaignId: p.campaignId,
          requestedAt: new Date(p.requestedAt),
        },
        now,
      ),
    );
  }

  /**
   * A tier change tells the member (transactional: no marketing consent needed), by email. Not the
   * tier given at enrolment (the welcome covers it). Once per event.
   */
  async fromTierChange(event: EventEnvelope<MemberTierChangedV1>): Promise<boolean> {
    const p = event.payload;
    if (p.reason === 'enrolment' || p.fromTier === p.toTier) return false;
    return this.deliveries.insert(
      newDelivery(
        {
          _id: `tier:${event.id}`,
          kind: 'tier_changed',
          marketing: false,
          channel: 'email',
          memberId: p.memberId,
          campaignId: null,
          requestedAt: new Date(p.changedAt),
          values: { tier: p.toTier },
        },
        this.clock.now(),
      ),
    );
  }

  /** A case accepted by staff tells its member (transactional), once per event. */
  async fromCaseAcknowledged(event: EventEnvelope<CaseAcknowledgedV1>): Promise<boolean> {
    const p = event.payload;
    return this.transactional(event, 'case_acknowledged', p.memberId, new Date(p.acknowledgedAt), { caseNumber: p.caseId });
  }

  /** A resolved case tells its member (transactional), once per event. */
  async fromCaseResolved(event: EventEnvelope<CaseResolvedV1>): Promise<boolean> {
    const p = event.payload;
    return this.transactional(event, 'case_resolved', p.memberId, new Date(p.resolvedAt), { caseNumber: p.caseId });
  }

  /**
   * A survey invitation carries the one-time link to the gateway's public survey route (the
   * token is the only credential; feedback keeps its hash). Transactional, once per event.
   */
  async fromSurveyRequested(event: EventEnvelope<SurveyRequestedV1>): Promise<boolean> {
    const p = event.payload;
    const surveyLink = `${this.env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/console/survey/${encodeURIComponent(p.token)}`;
    return this.transactional(event, 'survey_invitation', p.memberId, new Date(event.occurredAt), { caseNumber: p.caseId, surveyLink });
  }

  /**
   * A service message about the member's own business (no marketing consent, quiet hours or cap:
   * see delivery-policy), keyed by `<kind>:<event id>` so a redelivered event queues nothing.
   * Cases of non-members (no member id) have no contact here: nothing is sent.
   */
  private async transactional(
    event: EventEnvelope,
    kind: MessageKind,
    memberId: string | null,
    requestedAt: Date,
    values: Record<string, string>,
  ): Promise<boolean> {
    if (!memberId) return false;
    return this.deliveries.insert(
      newDelivery({ _id: `${kind}:${event.id}`, kind, marketing: false, channel: 'email', memberId, campaignId: null, requestedAt, values }, this.clock.now()),
    );
  }
}

/** A new message, queued now, nothing attempted. */
export function newDelivery(
  d: Pick<Delivery, '_id' | 'kind' | 'marketing' | 'channel' | 'memberId' | 'campaignId' | 'requestedAt'> & Partial<Delivery>,
  now: Date,
): Delivery {
  return {
    values: {},
    status: 'queued',
    reason: null,
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    locale: null,
    maskedAddress: null,
    smtpMessageId: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    history: [],
    ...d,
  };
}
