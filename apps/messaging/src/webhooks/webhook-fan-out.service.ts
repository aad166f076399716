import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Queue an event for each endpoint subscribed to it that existed when it occurred (a new endpoint
 * does not receive history: it asks for a replay). Keyed `<endpointId>:<eventId>`, so a redelivered
 * event is queued once. A paused endpoint's events are held for its replay.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  async queue(event: EventEnvelope): Promise<number> {
    const name = `${event.type}.v${event.version}`;
    const occurredAt = new Date(event.occurredAt);
    const now = this.clock.now();
    let queued = 0;
    for (const endpoint of await this.repo.subscribers(name)) {
      if (occurredAt < endpoint.createdAt) continue;
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
