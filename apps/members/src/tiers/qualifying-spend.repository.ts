import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertOnce } from '@app/common';
import { QUALIFYING_SPEND_MODEL, type QualifyingSpendEntry } from './qualifying-spend.schema';

@Injectable()
export class QualifyingSpendRepository {
  constructor(@InjectModel(QUALIFYING_SPEND_MODEL) private readonly entries: Model<QualifyingSpendEntry>) {}

  /** Insert once; false when the entry already exists (a redelivered event). */
  async insertOnce(entry: QualifyingSpendEntry): Promise<boolean> {
    return insertOnce(this.entries, entry);
  }

  async findPurchase(purchaseId: string): Promise<QualifyingSpendEntry | null> {
    return this.entries.findById(`purchase:${purchaseId}`).lean().exec();
  }

  /** Net qualifying spend of one member in [from, to] (or (from, to] with fromExclusive). */
  async sumForMember(memberId: string, from: Date, to: Date, options: { fromExclusive?: boolean } = {}): Promise<number> {
    const lower = options.fromExclusive ? { $gt: from } : { $gte: from };
    const rows = await this.entries
      .aggregate<{ total: number }>([
        { $match: { memberId, countsAt: { ...lower, $lte: to } } },
        { $group: { _id: null, total: { $sum: '$amountMinor' } } },
      ])
      .exec();
    return Math.max(0, rows[0]?.total ?? 0);
  }

  async listForMember(memberId: string): Promise<QualifyingSpendEntry[]> {
    return this.entries.find({ memberId }).sort({ countsAt: 1 }).lean().exec();
  }

}
