import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import type {
  CreatedEndpointResponse,
  CreateEndpointDto,
  EndpointResponse,
  ReplayResponse,
  UpdateEndpointDto,
  WebhookDeliveryResponse,
} from './dto/webhook.dto';
import { WEBHOOK_EVENT_NAMES } from './webhook-events';
import { newWebhookSecret } from './webhook-signature';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from './webhook.schema';
import { WebhooksErrors } from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';

/** Endpoints of integrators: register, pause and resume, replay from a point, read the delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateEndpointDto, actor: Actor): Promise<CreatedEndpointResponse> {
    const eventTypes = checkEventTypes(dto.eventTypes);
    const now = this.clock.now();
    const endpoint: WebhookEndpoint = {
      _id: `wh_${randomBytes(9).toString('base64url')}`,
      url: dto.url,
      description: dto.description ?? '',
      eventTypes,
      secret: newWebhookSecret(),
      status: 'active',
      pausedReason: null,
      consecutiveFailures: 0,
      createdAt: now,
      updatedAt: now,
      createdBy: { id: actor.id, role: actor.role },
    };
    await this.repo.insertEndpoint(endpoint);
    return { ...endpointView(endpoint), secret: endpoint.secret };
  }

  async list(): Promise<EndpointResponse[]> {
    return (await this.repo.listEndpoints()).map(endpointView);
  }

  async get(id: string): Promise<EndpointResponse> {
    return endpointView(await this.found(id));
  }

  async update(id: string, dto: UpdateEndpointDto): Promise<EndpointResponse> {
    await this.found(id);
    const now = this.clock.now();
    const set: Partial<WebhookEndpoint> = { updatedAt: now };
    if (dto.url) set.url = dto.url;
    if (dto.eventTypes) set.eventTypes = checkEventTypes(dto.eventTypes);
    if (dto.status === 'paused') Object.assign(set, { status: 'paused', pausedReason: 'manual' });
    if (dto.status === 'active') Object.assign(set, { status: 'active', pausedReason: null, consecutiveFailures: 0 });
    const updated = await this.repo.updateEndpoint(id, set);
    if (!updated) throw WebhooksErrors.notFound();
    if (updated.status === 'paused') await this.repo.holdPending(id);
    return endpointView(updated);
  }

  /** Resume the endpoint and send again every event since `from` (receivers deduplicate by event id). */
  async replay(id: string, from: string): Promise<ReplayResponse> {
    await this.found(id);
    const now = this.clock.now();
    await this.repo.updateEndpoint(id, { status: 'active', pausedReason: null, consecutiveFailures: 0, updatedAt: now });
    const queued = await this.repo.replayFrom(id, new Date(from), now);
    return { endpointId: id, queued };
  }

  async deliveries(id: string, status: WebhookDeliveryStatus | undefined, limit: number): Promise<WebhookDeliveryResponse[]> {
    await this.found(id);
    return (await this.repo.listDeliveries(id, status, limit)).map(deliveryView);
  }

  private async found(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.repo.findEndpoint(id);
    if (!endpoint) throw WebhooksErrors.notFound();
    return endpoint;
  }
}

function checkEventTypes(types: string[]): string[] {
  const unknown = types.map((t, i) => [i, t] as [number, string]).filter(([, t]) => !WEBHOOK_EVENT_NAMES.includes(t));
  if (unknown.length) throw WebhooksErrors.unknownEventTypes(unknown);
  return [...new Set(types)];
}

function endpointView(e: WebhookEndpoint): EndpointResponse {
  return {
    id: e._id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    status: e.status,
    pausedReason: e.pausedReason,
    consecutiveFailures: e.consecutiveFailures,
    createdAt: e.createdAt.toISOString(),
  };
}

function deliveryView(d: WebhookDelivery): WebhookDeliveryResponse {
  return {
    id: d._id,
    eventId: d.eventId,
    eventName: d.eventName,
    occurredAt: d.occurredAt.toISOString(),
    status: d.status,
    attempts: d.attempts,
    deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    log: d.log.map((a) => ({ at: a.at.toISOString(), status: a.status, error: a.error, durationMs: a.durationMs, response: a.response })),
  };
}
