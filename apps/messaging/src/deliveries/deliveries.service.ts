import { Injectable } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesErrors } from './deliveries.errors';
import { DELIVERY_STATUSES, FINAL_STATUSES, type Delivery, type DeliveryStatus } from './delivery.schema';
import type { CampaignDeliverySummary, DeliveryPage, DeliveryResponse, ListDeliveriesQuery } from './dto/delivery.dto';

/** Delivery status per message and per campaign (ids only: the address used is never shown here). */
@Injectable()
export class DeliveriesService {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  async get(id: string): Promise<DeliveryResponse> {
    const d = await this.deliveries.find(id);
    if (!d) throw DeliveriesErrors.notFound();
    return deliveryView(d);
  }

  async list(query: ListDeliveriesQuery): Promise<DeliveryPage> {
    const limit = query.limit ?? 50;
    const rows = await this.deliveries.list({ memberId: query.memberId, campaignId: query.campaignId, status: query.status }, query.after ?? null, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map(deliveryView), next: rows.length > limit ? (page[page.length - 1]?._id ?? null) : null };
  }

  async campaignSummary(campaignId: string): Promise<CampaignDeliverySummary> {
    const details = await this.deliveries.campaignCounts(campaignId);
    const byStatus = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const d of details) byStatus[d.status] += d.count;
    return { campaignId, total: details.reduce((n, d) => n + d.count, 0), byStatus, details };
  }
}

export function deliveryView(d: Delivery): DeliveryResponse {
  return {
    id: d._id,
    kind: d.kind,
    marketing: d.marketing,
    channel: d.channel,
    memberId: d.memberId,
    campaignId: d.campaignId,
    status: d.status,
    reason: d.reason,
    attempts: d.attempts,
    nextAttemptAt: FINAL_STATUSES.includes(d.status) ? null : d.nextAttemptAt.toISOString(),
    locale: d.locale,
    sentAt: d.sentAt ? d.sentAt.toISOString() : null,
    requestedAt: d.requestedAt.toISOString(),
    history: d.history.map((h) => ({ at: h.at.toISOString(), outcome: h.outcome, detail: h.detail })),
  };
}
