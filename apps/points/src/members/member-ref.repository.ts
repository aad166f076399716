import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ExpiringMap, isDuplicateKeyError } from '@app/common';
import { PointsEnv } from '../config/points.env';
import { MEMBER_REF_MODEL, type MemberRef } from './member-ref.schema';

/** Members kept in memory at most (the oldest are dropped first). */
const CACHE_ENTRIES = 20_000;

/**
 * The only place that touches the member projection. Every write is an idempotent upsert.
 * Known members read for sales are kept in memory for POINTS_MEMBER_CACHE_MS (a sale at the
 * till should not cost a database round trip for what changes a few times a year); every
 * write through this repository drops the member from memory.
 */
@Injectable()
export class MemberRefRepository {
  private readonly cache: ExpiringMap<string, MemberRef>;

  constructor(
    @InjectModel(MEMBER_REF_MODEL) private readonly refs: Model<MemberRef>,
    env: PointsEnv,
  ) {
    this.cache = new ExpiringMap(env.POINTS_MEMBER_CACHE_MS, CACHE_ENTRIES);
  }

  async find(memberId: string): Promise<MemberRef | null> {
    const cached = this.cache.get(memberId);
    if (cached) return cached;
    const ref = await this.refs
      .findOne({ _id: memberId, erased: { $ne: true } })
      .lean<MemberRef>()
      .exec();
    if (ref) this.cache.set(memberId, ref);
    return ref;
  }

  /** True if the member was erased (a tombstone exists). */
  async isErased(memberId: string): Promise<boolean> {
    return (await this.refs.exists({ _id: memberId, erased: true })) !== null;
  }

  /** Known member (enrolment, or resolved by the members service); keeps a tier set meanwhile. */
  async ensureKnown(memberId: string, tier: string | null): Promise<void> {
    await this.upsert(
      { _id: memberId, erased: { $ne: true } },
      { $setOnInsert: { tier, earnMultiplierPercent: 100, tierChangedAt: null, birthdayOn: null, erased: false } },
    );
  }

  /** Apply a tier change unless a newer one is already applied (events may arrive out of order). */
  async setTier(memberId: string, tier: string, earnMultiplierPercent: number, changedAt: Date): Promise<void> {
    await this.upsert(
      { _id: memberId, erased: { $ne: true }, $or: [{ tierChangedAt: null }, { tierChangedAt: { $lte: changedAt } }] },
      { $set: { tier, earnMultiplierPercent, tierChangedAt: changedAt }, $setOnInsert: { birthdayOn: null, erased: false } },
    );
  }

  async setBirthday(memberId: string, day: string): Promise<void> {
    await this.upsert(
      { _id: memberId, erased: { $ne: true } },
      { $set: { birthdayOn: day }, $setOnInsert: { tier: null, earnMultiplierPercent: 100, tierChangedAt: null, erased: false } },
    );
  }

  /** Forget everything but the id (a tombstone). */
  async erase(memberId: string): Promise<void> {
    await this.refs
      .replaceOne(
        { _id: memberId },
        { _id: memberId, tier: null, earnMultiplierPercent: 100, tierChangedAt: null, birthdayOn: null, erased: true },
        { upsert: true },
      )
      .exec();
    this.cache.delete(memberId);
  }

  /** An upsert whose filter does not match an existing document collides on _id: then there is nothing to do. */
  private async upsert(filter: Record<string, unknown> & { _id: string }, update: Record<string, unknown>): Promise<void> {
    try {
      await this.refs.updateOne(filter, update, { upsert: true }).exec();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    } finally {
      this.cache.delete(filter._id); // after the write: a read racing it cannot keep the old state
    }
  }
}
