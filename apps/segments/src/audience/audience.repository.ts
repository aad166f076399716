import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ConsentPurpose } from '@app/contracts';
import { insertOnce, isDuplicateKeyError } from '@app/common';
import { AUDIENCE_MEMBER_MODEL, CONSENT_FIELDS, unknownMember, type AudienceMember } from './audience.schema';

/** The only place that touches the audience projection. */
@Injectable()
export class AudienceRepository {
  constructor(@InjectModel(AUDIENCE_MEMBER_MODEL) private readonly members: Model<AudienceMember>) {}

  async find(memberId: string): Promise<AudienceMember | null> {
    return this.members.findById(memberId).lean<AudienceMember>().exec();
  }

  async findMany(memberIds: readonly string[]): Promise<AudienceMember[]> {
    if (memberIds.length === 0) return [];
    return this.members
      .find({ _id: { $in: memberIds } })
      .lean<AudienceMember[]>()
      .exec();
  }

  /** Which of these members match the tier / store filters (null filter: any). */
  async matching(memberIds: readonly string[], filter: { tiers: string[] | null; storeIds: string[] | null }): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await this.members
      .find({
        _id: { $in: memberIds },
        ...(filter.tiers ? { tier: { $in: filter.tiers } } : {}),
        ...(filter.storeIds ? { preferredStoreId: { $in: filter.storeIds } } : {}),
      })
      .select({ _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return new Set(rows.map((r) => r._id));
  }

  /** Live members matching the tier / store filters, in id order after `afterId`. */
  async idsMatching(filter: { tiers: string[] | null; storeIds: string[] | null }, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.members
      .find({
        erased: false,
        ...(filter.tiers ? { tier: { $in: filter.tiers } } : {}),
        ...(filter.storeIds ? { preferredStoreId: { $in: filter.storeIds } } : {}),
        ...(afterId !== null ? { _id: { $gt: afterId } } : {}),
      })
      .select({ _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>()
      .exec();
    return rows.map((r) => r._id);
  }

  /** Insert a member the projection did not hold; false if one exists (decide again against it). */
  async insertIfAbsent(member: AudienceMember): Promise<boolean> {
    return insertOnce(this.members, member);
  }

  /**
   * Set one purpose's consent if the member is still exactly as read (compare-and-set on that
   * purpose's fields, never on an erased member); false if something changed meanwhile.
   */
  async replaceConsentIfUnchanged(
    memberId: string,
    purpose: ConsentPurpose,
    read: { granted: boolean; changedAt: Date | null },
    next: { granted: boolean; changedAt: Date },
  ): Promise<boolean> {
    const f = CONSENT_FIELDS[purpose];
    const result = await this.members
      .updateOne(
        { _id: memberId, erased: false, [f.granted]: read.granted, [f.changedAt]: read.changedAt },
        { $set: { [f.granted]: next.granted, [f.changedAt]: next.changedAt } },
      )
      .exec();
    return result.matchedCount === 1;
  }

  /** Record the enrolment (idempotent); never revives an erased member. */
  async markEnrolled(memberId: string, enrolledAt: Date, preferredStoreId: string): Promise<void> {
    const { _id, enrolledAt: _e, preferredStoreId: _s, ...defaults } = unknownMember(memberId);
    await this.upsertLive(memberId, {}, { $set: { enrolledAt, preferredStoreId }, $setOnInsert: defaults });
  }

  /** Apply a tier if it is newer than the one held (enrolment or a tier change); idempotent, order-independent. */
  async applyTier(memberId: string, tier: string, changedAt: Date): Promise<void> {
    const { _id, tier: _t, tierChangedAt: _c, ...defaults } = unknownMember(memberId);
    await this.upsertLive(
      memberId,
      { $or: [{ tierChangedAt: null }, { tierChangedAt: { $lt: changedAt } }] },
      { $set: { tier, tierChangedAt: changedAt }, $setOnInsert: defaults },
    );
  }

  /** An upsert on a live (not erased) member; a filter that misses an existing document (a tombstone, an older change) does nothing. */
  private async upsertLive(memberId: string, extra: Record<string, unknown>, update: Record<string, unknown>): Promise<void> {
    try {
      await this.members.updateOne({ _id: memberId, erased: false, ...extra }, update, { upsert: true }).exec();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** Forget everything but the id: a tombstone that no later event can bring back. */
  async erase(memberId: string, erasedAt: Date): Promise<void> {
    await this.members.replaceOne({ _id: memberId }, { ...unknownMember(memberId), erased: true, erasedAt }, { upsert: true }).exec();
  }
}
