import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertRawOnce } from '@app/common';
import { QUALIFYING_SPEND_MODEL, type QualifyingSpendEntry } from './qualifying-spend.schema';

@Injectable()
export class QualifyingSpendRepository {
  constructor(@InjectModel(QUALIFYING_SPEND_MODEL) private readonly entries: Model<QualifyingSpendEntry>) {}

  /** Insert once (through the driver: every sale passes here); false when the entry already exists. */
  async insertOnce(entry: QualifyingSpendEntry): Promise<boolean> {
    return insertRawOnce(this.entries, entry);
  }

  async findPurchase(purchaseId: string): Promise<QualifyingSpendEntry | null> {
    return this.entries.findById(`purchase:${purchaseId}`).lean().exec();
  }

  async isSettled(id: string): Promise<boolean> {
    return (await this.entries.collection.findOne({ _id: id as never, settled: true }, { projection: { _id: 1 } })) !== null;
  }

  async markSettled(ids: string[]): Promise<void> {
    if (ids.length) await this.entries.updateMany({ _id: { $in: ids } }, { $set: { settled: true } }).exec();
  }

  /** Net qualifying spend of one member in [from, to] (or (from, to] with fromExclusive), to the millisecond. */
  async sumForMember(memberId: string, from: Date, to: Date, options: { fromExclusive?: boolean } = {}): Promise<number> {
    const lower = options.fromExclusive ? { $gt: from } : { $gte: from };
    const rows = await this.entries
      .aggregate<{ total: number }>([{ $match: { memberId, countsAt: { ...lower, $lte: to } } }, { $group: { _id: null, total: { $sum: '$amountMinor' } } }])
      .exec();
    return Math.max(0, rows[0]?.total ?? 0);
  }

  async listForMember(memberId: string): Promise<QualifyingSpendEntry[]> {
    return this.entries.find({ memberId }).sort({ countsAt: 1 }).lean().exec();
  }
}
