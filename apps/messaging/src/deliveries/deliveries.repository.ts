import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertOnce } from '@app/common';
import { DELIVERY_MODEL, type Delivery, type DeliveryAttempt, type DeliveryStatus } from './delivery.schema';

const HISTORY_KEPT = 50;

/** The only place that touches deliveries. Every transition is conditional on the state it leaves. */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectModel(DELIVERY_MODEL) private readonly deliveries: Model<Delivery>) {}

  /** Insert a new message request; false if this request id exists already (a redelivered event). */
  insert(delivery: Delivery): Promise<boolean> {
    return insertOnce(this.deliveries, delivery);
  }

  find(id: string): Promise<Delivery | null> {
    return this.deliveries.findById(id).lean<Delivery>().exec();
  }

  /** Claim the next due message for this worker (queued and due, or a preparation whose lease ran out). */
  async claimDue(now: Date, leaseUntil: Date): Promise<Delivery | null> {
    return this.deliveries
      .findOneAndUpdate(
        {
          $or: [
            { status: 'queued', nextAttemptAt: { $lte: now } },
            { status: 'preparing', leaseUntil: { $lte: now } },
          ],
        },
        { $set: { status: 'preparing', leaseUntil, updatedAt: now } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean<Delivery>()
      .exec();
  }

  /** Messages that were being handed to the SMTP server when their worker vanished. */
  async findAbandonedSends(now: Date, limit: number): Promise<Delivery[]> {
    return this.deliveries
      .find({ status: 'sending', leaseUntil: { $lte: now } })
      .limit(limit)
      .lean<Delivery[]>()
      .exec();
  }

  /** preparing -> sending, just before the SMTP exchange; false if another worker took it over. */
  async markSending(id: string, leaseUntil: Date, now: Date, extra: Partial<Delivery>): Promise<boolean> {
    const r = await this.deliveries
      .updateOne({ _id: id, status: 'preparing' }, { $set: { ...extra, status: 'sending', leaseUntil, updatedAt: now }, $inc: { attempts: 1 } })
      .exec();
    return r.modifiedCount === 1;
  }

  /** Move a message from `from` to a new state with a history line. */
  async transition(id: string, from: DeliveryStatus, set: Partial<Delivery>, entry: DeliveryAttempt): Promise<boolean> {
    const r = await this.deliveries
      .updateOne(
        { _id: id, status: from },
        { $set: { ...set, leaseUntil: null, updatedAt: entry.at }, $push: { history: { $each: [entry], $slice: -HISTORY_KEPT } } },
      )
      .exec();
    return r.modifiedCount === 1;
  }

  /** Marketing messages sent to a member since `since` (the frequency cap). */
  countMarketingSentSince(memberId: string, since: Date): Promise<number> {
    return this.deliveries.countDocuments({ memberId, marketing: true, status: 'sent', sentAt: { $gte: since } }).exec();
  }

  async list(filter: { memberId?: string; campaignId?: string; status?: DeliveryStatus }, afterId: string | null, limit: number): Promise<Delivery[]> {
    const query: Record<string, unknown> = {};
    if (filter.memberId) query.memberId = filter.memberId;
    if (filter.campaignId) query.campaignId = filter.campaignId;
    if (filter.status) query.status = filter.status;
    if (afterId) query._id = { $gt: afterId };
    return this.deliveries.find(query).sort({ _id: 1 }).limit(limit).lean<Delivery[]>().exec();
  }

  /** Messages of a campaign by status. */
  async campaignCounts(campaignId: string): Promise<Array<{ status: DeliveryStatus; reason: string | null; count: number }>> {
    const rows = await this.deliveries.aggregate<{ _id: { status: DeliveryStatus; reason: string | null }; count: number }>([
      { $match: { campaignId } },
      { $group: { _id: { status: '$status', reason: '$reason' }, count: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ status: r._id.status, reason: r._id.reason ?? null, count: r.count }));
  }

  forMember(memberId: string): Promise<Delivery[]> {
    return this.deliveries.find({ memberId }).sort({ createdAt: 1 }).lean<Delivery[]>().exec();
  }

  /** An erased member: their deliveries stay as counts (campaign statistics) without the address used. */
  async forgetMember(memberId: string): Promise<void> {
    await this.deliveries.updateMany({ memberId }, { $set: { maskedAddress: null, values: {} } }).exec();
  }
}
