import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { updateWithEvents } from '@app/common';
import { MEMBER_MODEL, type Member, type MemberTierState, type TierHistoryEntry } from '../members/member.schema';
import type { SpendByDay } from './tier-rules';

/**
 * Qualifying spend kept on the member document by the tiers feature (written through the driver,
 * hence not in the member schema). Absent on members who have had no purchase event since
 * the running totals were introduced: their spend is then summed from the spend rows.
 */
export interface MemberSpendFields {
  /** Net qualifying spend per UTC day; days no window can reach are pruned. */
  spendByDay?: SpendByDay;
  /** Keys of spend rows counted in `spendByDay` and not yet marked settled (the apply-once guard). */
  _spendApplied?: string[];
  /** Bumped by every settle (keys leaving `_spendApplied`): guards an apply against a settle in between. */
  _spendSettles?: number;
}

export type MemberTierView = Pick<Member, '_id' | 'status' | 'tier' | 'qualifyingSpendMinor' | 'tierHistory'> & Pick<MemberSpendFields, 'spendByDay'>;
export type MemberQualificationState = Pick<Member, '_id' | 'status' | 'tier'> & MemberSpendFields;

const QUALIFICATION_FIELDS = { status: 1, tier: 1, spendByDay: 1, _spendApplied: 1, _spendSettles: 1 } as const;

/** The tier part of a member document (the members repository owns the rest). */
@Injectable()
export class MemberTierRepository {
  constructor(@InjectModel(MEMBER_MODEL) private readonly members: Model<Member>) {}

  async find(memberId: string): Promise<MemberTierView | null> {
    return this.members.findById(memberId).select({ status: 1, tier: 1, qualifyingSpendMinor: 1, tierHistory: 1, spendByDay: 1 }).lean<MemberTierView>().exec();
  }

  /** Tier and running spend totals with their guards (through the driver: every purchase event reads it). */
  async findForQualification(memberId: string): Promise<MemberQualificationState | null> {
    return (await this.members.collection.findOne({ _id: memberId as never }, { projection: QUALIFICATION_FIELDS })) as MemberQualificationState | null;
  }

  /**
   * Count one spend row in the member's day totals, once: conditional on the key not being in
   * the guard list and on no settle having happened since `settles` was read (a settle removes
   * keys from the list only after marking their rows). Null when the condition does not hold
   * (or the member is not active); the new state otherwise.
   */
  async applySpend(memberId: string, key: string, day: string, amountMinor: number, settles: number, at: Date): Promise<MemberQualificationState | null> {
    return (await this.members.collection.findOneAndUpdate(
      { _id: memberId as never, status: 'active', _spendSettles: settles, _spendApplied: { $ne: key } },
      { $inc: { [`spendByDay.${day}`]: amountMinor }, $push: { _spendApplied: key }, $set: { lastActivityAt: at } } as never,
      { returnDocument: 'after', projection: QUALIFICATION_FIELDS },
    )) as MemberQualificationState | null;
  }

  /** First running totals of a member (from its spend rows); false if another writer set them first. */
  async initSpend(memberId: string, spendByDay: SpendByDay, appliedKeys: string[]): Promise<boolean> {
    const res = await this.members.collection.updateOne(
      { _id: memberId as never, spendByDay: { $exists: false } },
      { $set: { spendByDay, _spendApplied: appliedKeys, _spendSettles: 0 } },
    );
    return res.modifiedCount === 1;
  }

  /** Keys whose rows are now marked settled leave the guard list; days no window can reach go. */
  async settleSpend(memberId: string, keys: string[], staleDays: string[]): Promise<void> {
    const update: Record<string, unknown> = { $pull: { _spendApplied: { $in: keys } }, $inc: { _spendSettles: 1 } };
    if (staleDays.length) update.$unset = Object.fromEntries(staleDays.map((d) => [`spendByDay.${d}`, '']));
    await this.members.collection.updateOne({ _id: memberId as never }, update);
  }

  /**
   * Move a member between tiers, with history and event, in one atomic write. Conditional on the
   * tier still being `expectedCode` (a concurrent change wins; the caller re-evaluates).
   */
  async changeTier(
    memberId: string,
    expectedCode: string,
    tier: MemberTierState,
    history: TierHistoryEntry,
    extra: Partial<Pick<Member, 'qualifyingSpendMinor' | 'lastActivityAt'>>,
    events: EventEnvelope[],
  ): Promise<boolean> {
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
      .updateOne(
        { _id: memberId, status: 'active', 'tier.reviewDate': expectedReviewDate },
        { $set: { 'tier.reviewDate': nextReviewDate, 'tier.floorCode': floorCode } },
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /** Active members whose review (review date + grace) is due at `cutoff` (= now - grace). */
  async dueForReview(cutoff: Date, limit: number): Promise<MemberTierView[]> {
    return this.members
      .find({ status: 'active', 'tier.reviewDate': { $lte: cutoff }, 'tier.override': null })
      .select({ status: 1, tier: 1, qualifyingSpendMinor: 1, spendByDay: 1 })
      .sort({ 'tier.reviewDate': 1 })
      .limit(limit)
      .lean<MemberTierView[]>()
      .exec();
  }

  async expiredOverrides(now: Date, limit: number): Promise<MemberTierView[]> {
    return this.members
      .find({ status: 'active', 'tier.override.expiresAt': { $lte: now } })
      .select({ status: 1, tier: 1, qualifyingSpendMinor: 1, spendByDay: 1 })
      .limit(limit)
      .lean<MemberTierView[]>()
      .exec();
  }

  /** Current tier and spend (day totals, or the stored total where there are none) of every active member (simulation). */
  async *activeTierStates(): AsyncGenerator<{ tierCode: string; spendByDay?: SpendByDay; spendMinor: number }> {
    const cursor = this.members.find({ status: 'active' }).select({ 'tier.code': 1, qualifyingSpendMinor: 1, spendByDay: 1 }).lean<MemberTierView[]>().cursor();
    for await (const m of cursor as AsyncIterable<MemberTierView>)
      yield { tierCode: m.tier.code, spendByDay: m.spendByDay, spendMinor: m.qualifyingSpendMinor ?? 0 };
  }
}
