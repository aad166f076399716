import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@app/common';
import { MEMBER_REF_MODEL, type MemberRef } from './member-ref.schema';

/** The only place that touches the member projection. Every write is an idempotent upsert. */
@Injectable()
export class MemberRefRepository {
  constructor(@InjectModel(MEMBER_REF_MODEL) private readonly refs: Model<MemberRef>) {}

  async find(memberId: string): Promise<MemberRef | null> {
    return this.refs.findOne({ _id: memberId, erased: { $ne: true } }).lean<MemberRef>().exec();
  }

  /** True if the member was erased (a tombstone exists). */
  async isErased(memberId: string): Promise<boolean> {
    return (await this.refs.exists({ _id: memberId, erased: true })) !== null;
  }

  /** Known member (enrolment, or resolved by the members service); keeps a tier set meanwhile. */
  async ensureKnown(memberId: string, tier: string | null): Promise<void> {
    await this.upsert({ _id: memberId, erased: { $ne: true } }, { $setOnInsert: { tier, earnMultiplierPercent: 100, tierChangedAt: null, birthdayOn: null, erased: false } });
  }

  /** Apply a tier change unless a newer one is already applied (events may arrive out of order). */
  async setTier(memberId: string, tier: string, earnMultiplierPercent: number, changedAt: Date): Promise<void> {
    await this.upsert(
      { _id: memberId, erased: { $ne: true }, $or: [{ tierChangedAt: null }, { tierChangedAt: { $lte: changedAt } }] },
      { $set: { tier, earnMultiplierPercent, tierChangedAt: changedAt }, $setOnInsert: { birthdayOn: null, erased: false } },
    );
  }

  async setBirthday(memberId: string, day: string): Promise<void> {
    await this.upsert({ _id: memberId, erased: { $ne: true } }, { $set: { birthdayOn: day }, $setOnInsert: { tier: null, earnMultiplierPercent: 100, tierChangedAt: null, erased: false } });
  }

  /** Forget everything but the id (a tombstone). */
  async erase(memberId: string): Promise<void> {
    await this.refs.replaceOne({ _id: memberId }, { _id: memberId, tier: null, earnMultiplierPercent: 100, tierChangedAt: null, birthdayOn: null, erased: true }, { upsert: true }).exec();
  }

  /** An upsert whose filter does not match an existing document collides on _id: then there is nothing to do. */
  private async upsert(filter: Record<string, unknown>, update: Record<string, unknown>): Promise<void> {
    try {
      await this.refs.updateOne(filter, update, { upsert: true }).exec();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
