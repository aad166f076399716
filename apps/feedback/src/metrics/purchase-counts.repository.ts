import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { isDuplicateKeyError, onceFilter, onceUpdate } from '@app/common';
import { PURCHASE_COUNT_MODEL, type PurchaseCount } from './purchase-count.schema';

/** The only place that touches purchase counts. */
@Injectable()
export class PurchaseCountsRepository {
  constructor(@InjectModel(PURCHASE_COUNT_MODEL) private readonly counts: Model<PurchaseCount>) {}

  /** Count one purchase once per event id (a redelivery after a crash finds its id on the document). */
  async countOnce(storeId: string, day: string, eventId: string): Promise<void> {
    try {
      await this.counts
        .updateOne({ _id: `${storeId}:${day}`, ...onceFilter(eventId) }, { $inc: { count: 1 }, $setOnInsert: { storeId, day }, ...onceUpdate(eventId) }, { upsert: true })
        .exec();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err; // the document exists and already holds this event
    }
  }

  /** Purchases on days [fromDay, toDay] (YYYY-MM-DD), optionally of some stores. */
  async total(fromDay: string, toDay: string, storeIds: string[] | null): Promise<number> {
    const q: FilterQuery<PurchaseCount> = { day: { $gte: fromDay, $lte: toDay } };
    if (storeIds) q.storeId = { $in: storeIds };
    const rows = await this.counts.find(q, { count: 1 }).lean<Array<Pick<PurchaseCount, 'count'>>>().exec();
    return rows.reduce((sum, r) => sum + r.count, 0);
  }
}
