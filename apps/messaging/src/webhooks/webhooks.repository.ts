import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertOnce } from '@app/common';
import {
  WEBHOOK_DELIVERY_MODEL,
  WEBHOOK_ENDPOINT_MODEL,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
} from './webhook.schema';

const LOG_KEPT = 30;

/** The only place that touches webhook endpoints and their deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectModel(WEBHOOK_ENDPOINT_MODEL) private readonly endpoints: Model<WebhookEndpoint>,
    @InjectModel(WEBHOOK_DELIVERY_MODEL) private readonly deliveries: Model<WebhookDelivery>,
  ) {}

  insertEndpoint(endpoint: WebhookEndpoint): Promise<boolean> {
    return insertOnce(this.endpoints, endpoint);
  }

  findEndpoint(id: string): Promise<WebhookEndpoint | null> {
    return this.endpoints.findById(id).lean<WebhookEndpoint>().exec();
  }

  listEndpoints(): Promise<WebhookEndpoint[]> {
    return this.endpoints.find({}).sort({ createdAt: 1 }).lean<WebhookEndpoint[]>().exec();
  }

  async updateEndpoint(id: string, set: Partial<WebhookEndpoint>): Promise<WebhookEndpoint | null> {
    return this.endpoints.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean<WebhookEndpoint>().exec();
  }

  async recordSuccess(id: string, now: Date): Promise<void> {
    await this.endpoints.updateOne({ _id: id }, { $set: { consecutiveFailures: 0, updatedAt: now } }).exec();
  }

  /** Count a failure; pause the endpoint when it reaches `pauseAfter` in a row. Returns the endpoint after. */
  async recordFailure(id: string, now: Date, pauseAfter: number): Promise<WebhookEndpoint | null> {
    const after = await this.endpoints
      .findOneAndUpdate({ _id: id }, { $inc: { consecutiveFailures: 1 }, $set: { updatedAt: now } }, { new: true })
      .lean<WebhookEndpoint>()
      .exec();
    if (after && after.status === 'active' && after.consecutiveFailures >= pauseAfter) {
      return this.endpoints
        .findOneAndUpdate({ _id: id, status: 'active' }, { $set: { status: 'paused', pausedReason: 'failing', updatedAt: now } }, { new: true })
        .lean<WebhookEndpoint>()
        .exec();
    }
    return after;
  }

  insertDelivery(delivery: WebhookDelivery): Promise<boolean> {
    return insertOnce(this.deliveries, delivery);
  }

  claimDue(now: Date, leaseUntil: Date): Promise<WebhookDelivery | null> {
    return this.deliveries
      .findOneAndUpdate(
        {
          $or: [
            { status: 'pending', nextAttemptAt: { $lte: now } },
            { status: 'delivering', leaseUntil: { $lte: now } },
          ],
        },
        { $set: { status: 'delivering', leaseUntil } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean<WebhookDelivery>()
      .exec();
  }

  async finishAttempt(id: string, set: Partial<WebhookDelivery>, attempt: WebhookAttempt | null): Promise<void> {
    const update: Record<string, unknown> = { $set: { ...set, leaseUntil: null } };
    if (attempt) {
      update.$push = { log: { $each: [attempt], $slice: -LOG_KEPT } };
      update.$inc = { attempts: 1 };
    }
    await this.deliveries.updateOne({ _id: id, status: 'delivering' }, update).exec();
  }

  /** Everything not yet delivered of a paused endpoint waits (held). */
  async holdPending(endpointId: string): Promise<void> {
    await this.deliveries.updateMany({ endpointId, status: { $in: ['pending'] } }, { $set: { status: 'held' } }).exec();
  }

  /** Replay: every delivery of the endpoint for events since `from` is sent (again), oldest first. */
  async replayFrom(endpointId: string, from: Date, now: Date): Promise<number> {
    const r = await this.deliveries
      .updateMany(
        { endpointId, occurredAt: { $gte: from }, status: { $in: ['delivered', 'failed', 'held', 'pending'] } },
        { $set: { status: 'pending', nextAttemptAt: now, firstAttemptAt: null, leaseUntil: null } },
      )
      .exec();
    return r.modifiedCount;
  }

  listDeliveries(endpointId: string, status: WebhookDeliveryStatus | undefined, limit: number): Promise<WebhookDelivery[]> {
    return this.deliveries
      .find({ endpointId, ...(status ? { status } : {}) })
      .sort({ occurredAt: -1 })
      .limit(limit)
      .lean<WebhookDelivery[]>()
      .exec();
  }
}
