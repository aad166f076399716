import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { updateWithEvents, insertOnce, insertRawWithEvents } from '@app/common';
import {
  PURCHASE_MODEL,
  SALE_RETURN_MODEL,
  type Purchase,
  type PurchaseEarning,
  type PurchaseReturnLine,
  type HoldStatus,
  type SaleReturn,
} from './pos.schema';

/** The only place that touches purchases and returns. */
@Injectable()
export class PosRepository {
  constructor(
    @InjectModel(PURCHASE_MODEL) private readonly purchases: Model<Purchase>,
    @InjectModel(SALE_RETURN_MODEL) private readonly returns: Model<SaleReturn>,
  ) {}

  async findPurchase(id: string): Promise<Purchase | null> {
    return this.purchases.findById(id).lean<Purchase>().exec();
  }

  /** Insert the sale with its events; false if a sale with this key exists (a retry or a race). */
  async insertPurchase(purchase: Purchase, events: EventEnvelope[]): Promise<boolean> {
    return insertRawWithEvents(this.purchases, purchase, events); // the till's hot path: built complete in RecordSale
  }

  /** Keep the first answer given to the till (later writers do not overwrite it). */
  async saveResponse(id: string, response: Record<string, unknown>): Promise<void> {
    await this.purchases.collection.updateOne({ _id: id as never, response: null }, { $set: { response } });
  }

  /** Attribute an unknown-member sale to a member, once, with what it earns. */
  async claim(id: string, memberId: string, earning: PurchaseEarning, at: Date, events: EventEnvelope[]): Promise<Purchase | null> {
    return this.purchases
      .findOneAndUpdate(
        { _id: id, outcome: 'unknown_member', claim: null },
        updateWithEvents({ $set: { claim: { memberId, claimedAt: at }, memberId, earning } }, events),
        { new: true },
      )
      .lean<Purchase>()
      .exec();
  }

  /**
   * Take `refundMinor` of the sale for one return, once per return key, never beyond the total:
   * compare-and-set on `returnedMinor`, so concurrent returns get disjoint slices.
   */
  async allocateReturn(
    purchase: Purchase,
    returnKey: string,
    refundMinor: number,
    lines: PurchaseReturnLine[],
    events: EventEnvelope[],
  ): Promise<Purchase | null> {
    return this.purchases
      .findOneAndUpdate(
        { _id: purchase._id, returnedMinor: purchase.returnedMinor, 'returns.key': { $ne: returnKey } },
        updateWithEvents(
          { $inc: { returnedMinor: refundMinor }, $push: { returns: { key: returnKey, refundMinor, beforeMinor: purchase.returnedMinor, lines } } },
          events,
        ),
        { new: true },
      )
      .lean<Purchase>()
      .exec();
  }

  /** Totals of the store's most recent sales, newest first, held or reversed ones left out. */
  async recentTotals(storeId: string, limit: number): Promise<number[]> {
    const rows = await this.purchases
      .find({ storeId, outcome: { $in: ['credited', 'unknown_member'] } }, { totalMinor: 1 })
      .sort({ recordedAt: -1 })
      .limit(limit)
      .lean<Array<{ totalMinor: number }>>()
      .exec();
    return rows.map((r) => r.totalMinor);
  }

  /** Held sales (by review status), newest first, after the `[recordedAt, id]` cursor. */
  async holds(status: HoldStatus, storeId: string | undefined, after: [string, string] | null, limit: number): Promise<Purchase[]> {
    const filter: Record<string, unknown> = { 'hold.status': status };
    if (storeId !== undefined) filter.storeId = storeId;
    if (after) filter.$or = [{ recordedAt: { $lt: new Date(after[0]) } }, { recordedAt: new Date(after[0]), _id: { $lt: after[1] } }];
    return this.purchases.find(filter).sort({ recordedAt: -1, _id: -1 }).limit(limit).lean<Purchase[]>().exec();
  }

  /** Decide a held sale once (compare-and-set on `hold.status: held`), with its events; null if already decided. */
  async decideHold(id: string, set: Record<string, unknown>, events: EventEnvelope[]): Promise<Purchase | null> {
    return this.purchases
      .findOneAndUpdate({ _id: id, outcome: 'held', 'hold.status': 'held' }, updateWithEvents({ $set: set }, events), { new: true })
      .lean<Purchase>()
      .exec();
  }

  async findReturn(id: string): Promise<SaleReturn | null> {
    return this.returns.findById(id).lean<SaleReturn>().exec();
  }

  async insertReturn(doc: SaleReturn): Promise<boolean> {
    return insertOnce(this.returns, doc);
  }

  /** Purchases credited to or claimed by a member, oldest first (the member's data export). */
  async purchasesOf(memberId: string, limit: number): Promise<Purchase[]> {
    return this.purchases
      .find({ $or: [{ memberId }, { 'claim.memberId': memberId }] })
      .sort({ occurredAt: 1 })
      .limit(limit)
      .lean<Purchase[]>()
      .exec();
  }
}
