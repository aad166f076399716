import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import type { CampaignMessageRequestedV1, EventEnvelope, MemberTierChangedV1 } from '@app/contracts';
import { campaignMessageKind, isMarketing } from '../../templates/message-kinds';
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
  ) {}

  async fromCampaign(p: CampaignMessageRequestedV1): Promise<boolean> {
    const now = this.clock.now();
    const kind = campaignMessageKind(p.kind);
    return this.deliveries.insert(newDelivery({ _id: campaignRequestId(p.campaignId, p.memberId), kind, marketing: isMarketing(kind), channel: p.channel, memberId: p.memberId, campaignId: p.campaignId, requestedAt: new Date(p.requestedAt) }, now));
  }

  /**
   * A tier change tells the member (transactional: no marketing consent needed), by email. Not the
   * tier given at enrolment (the welcome covers it). Once per event.
   */
  async fromTierChange(event: EventEnvelope<MemberTierChangedV1>): Promise<boolean> {
    const p = event.payload;
    if (p.reason === 'enrolment' || p.fromTier === p.toTier) return false;
    return this.deliveries.insert(
      newDelivery({ _id: `tier:${event.id}`, kind: 'tier_changed', marketing: false, channel: 'email', memberId: p.memberId, campaignId: null, requestedAt: new Date(p.changedAt), values: { tier: p.toTier } }, this.clock.now()),
    );
  }
}

/** A new message, queued now, nothing attempted. */
export function newDelivery(d: Pick<Delivery, '_id' | 'kind' | 'marketing' | 'channel' | 'memberId' | 'campaignId' | 'requestedAt'> & Partial<Delivery>, now: Date): Delivery {
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
