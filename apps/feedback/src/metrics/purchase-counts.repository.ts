import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { insertRawOnce } from '@app/common';
import { PURCHASE_SEEN_MODEL, type PurchaseSeen } from './purchase-count.schema';

/** The only place that touches the purchases counted for the complaint rate. */
@Injectable()
export class PurchaseCountsRepository {
  constructor(@InjectModel(PURCHASE_SEEN_MODEL) private readonly purchases: Model<PurchaseSeen>) {}

  /**
   * Remember a purchase once (a redelivered event or a claim's re-announcement finds it there):
   * one insert keyed by the purchase id, straight through the driver (it runs for every sale).
   */
  async recordOnce(purchaseId: string, storeId: string, day: string): Promise<void> {
    await insertRawOnce(this.purchases, { _id: purchaseId, storeId, day });
  }

  /** Purchases on days [fromDay, toDay] (YYYY-MM-DD), optionally of some stores. */
  async total(fromDay: string, toDay: string, storeIds: string[] | null): Promise<number> {
    const q: FilterQuery<PurchaseSeen> = { day: { $gte: fromDay, $lte: toDay } };
    if (storeIds) q.storeId = { $in: storeIds };
    return this.purchases.countDocuments(q).exec();
  }
}
