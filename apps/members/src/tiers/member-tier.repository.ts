import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { updateWithEvents } from '@app/common';
import { MEMBER_MODEL, type Member, type MemberTierState, type TierHistoryEntry } from '../members/member.schema';

export type MemberTierView = Pick<Member, '_id' | 'status' | 'tier' | 'qualifyingSpendMinor' | 'tierHistory'>;

/** The tier part of a member document (the members repository owns the rest). */
@Injectable()
export class MemberTierRepository {
  constructor(@InjectModel(MEMBER_MODEL) private readonly members: Model<Member>) {}

  async find(memberId: string): Promise<MemberTierView | null> {
    return this.members.findById(memberId).select({ status: 1, tier: 1, qualifyingSpendMinor: 1, tierHistory: 1 }).lean<MemberTierView>().exec();
  }

  async recordSpend(memberId: string, spendMinor: number, at: Date): Promise<void> {
    await this.members.updateOne({ _id: memberId }, { $set: { qualifyingSpendMinor: spendMinor, lastActivityAt: at } }).exec();
  }

  /**
   * Move a member between tiers, with history and event, in one atomic write. Conditional on the
   * tier still being `expectedCode` (a concurrent change wins; the caller re-evaluates).
   */
  async changeTier(memberId: string, expectedCode: string, tier: MemberTierState, history: TierHistoryEntry, extra: Partial<Pick<Member, 'qualifyingSpendMinor' | 'lastActivityAt'>>, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.members
      .updateOne(
        { _id: memberId, status: 'active', 'tier.code': expectedCode },
        updateWithEvents({ $set: { tier, updatedAt: history.at, ...extra }, $push: { tierHistory: history } }, events),
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /** Review kept the tier: a new period starts (conditional on the review date read). */
  async startNewPeriod(memberId: string, expectedReviewDate: Date, nextReviewDate: Date, floorCode: string): Promise<boolean> {
    const res = await this.members
      .updateOne({ _id: memberId, status: 'active', 'tier.reviewDate': expectedReviewDate }, { $set: { 'tier.reviewDate': nextReviewDate, 'tier.floorCode': floorCode } })
      .exec();
    return res.modifiedCount === 1;
  }

  /** Active members whose review (review date + grace) is due at `cutoff` (= now - grace). */
  async dueForReview(cutoff: Date, limit: number): Promise<MemberTierView[]> {
    return this.members
      .find({ status: 'active', 'tier.reviewDate': { $lte: cutoff }, 'tier.override': null })
      .select({ status: 1, tier: 1, qualifyingSpendMinor: 1 })
      .sort({ 'tier.reviewDate': 1 })
      .limit(limit)
      .lean<MemberTierView[]>()
      .exec();
  }

  async expiredOverrides(now: Date, limit: number): Promise<MemberTierView[]> {
    return this.members
      .find({ status: 'active', 'tier.override.expiresAt': { $lte: now } })
      .select({ status: 1, tier: 1, qualifyingSpendMinor: 1 })
      .limit(limit)
      .lean<MemberTierView[]>()
      .exec();
  }

  /** Current tier and stored spend of every active member (simulation). */
  async *activeTierStates(): AsyncGenerator<{ tierCode: string; spendMinor: number }> {
    const cursor = this.members.find({ status: 'active' }).select({ 'tier.code': 1, qualifyingSpendMinor: 1 }).lean<MemberTierView[]>().cursor();
    for await (const m of cursor as AsyncIterable<MemberTierView>) yield { tierCode: m.tier.code, spendMinor: m.qualifyingSpendMinor ?? 0 };
  }
}
