import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import type { WebhookEndpoint } from './webhook.schema';
import { WebhooksRepository } from './webhooks.repository';

/** How long one reading of the endpoints may serve events that occurred before it was taken. */
export const ENDPOINTS_READING_REUSE_MS = 1000;

/**
 * Queue an event for each endpoint subscribed to it that existed when it occurred (a new endpoint
 * does not receive history: it asks for a replay). Keyed `<endpointId>:<eventId>`, so a redelivered
 * event is queued once. A paused endpoint's events are held for its replay.
 *
 * Every published event passes here, and a retailer has a handful of endpoints, so the endpoints
 * are not read once per event: a reading started AFTER an event occurred holds every endpoint
 * that existed when it occurred, so it serves that event as well as a reading of its own would
 * (the state it sees is the state some moments after the event, as a per-event read's is). Events
 * fetched in one batch, or waiting while the consumer catches up, share one reading; an event
 * that occurred after the latest reading started triggers a new one. A reading serves for at most
 * ENDPOINTS_READING_REUSE_MS, so a pause or a change of event types applies within that.
 */
@Injectable()
export class WebhookFanOut {
  private reading: { startedAt: number; endpoints: Promise<WebhookEndpoint[]> } | null = null;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  /** The endpoints as read at some moment after `occurredAt` (a recent reading when there is one). */
  private endpointsAfter(occurredAt: Date): Promise<WebhookEndpoint[]> {
    const now = this.clock.now().getTime();
    const r = this.reading;
    if (r && r.startedAt > occurredAt.getTime() && now - r.startedAt <= ENDPOINTS_READING_REUSE_MS) return r.endpoints;
    const endpoints = this.repo.listEndpoints();
    const reading = { startedAt: now, endpoints };
    this.reading = reading;
    endpoints.catch(() => {
      if (this.reading === reading) this.reading = null; // a failed reading serves nobody else
    });
    return endpoints;
  }

  async queue(event: EventEnvelope): Promise<number> {
    const name = `${event.type}.v${event.version}`;
    const occurredAt = new Date(event.occurredAt);
    const now = this.clock.now();
    let queued = 0;
    for (const endpoint of await this.endpointsAfter(occurredAt)) {
      if (!endpoint.eventTypes.includes(name) || occurredAt < endpoint.createdAt) continue;
      const inserted = await this.repo.insertDelivery({
        _id: `${endpoint._id}:${event.id}`,
        endpointId: endpoint._id,
        eventId: event.id,
        eventName: name,
        occurredAt,
        body: JSON.stringify(event),
        status: endpoint.status === 'paused' ? 'held' : 'pending',
        attempts: 0,
        firstAttemptAt: null,
        nextAttemptAt: now,
        leaseUntil: null,
        deliveredAt: null,
        log: [],
        createdAt: now,
      });
      if (inserted) queued += 1;
    }
    return queued;
  }
}
