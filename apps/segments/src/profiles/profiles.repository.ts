import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope, LifecycleStage, RfmSegment } from '@app/contracts';
import { insertRawOnce, insertRawWithEvents, updateWithEvents } from '@app/common';
import {
  MAX_MOVES,
  MEMBER_PROFILE_MODEL,
  PURCHASE_FACT_MODEL,
  RECOMPUTE_JOB_MODEL,
  RETURN_FACT_MODEL,
  RFM_CUTS_MODEL,
  type MemberProfile,
  type ProfileMove,
  type PurchaseFact,
  type RecomputeJob,
  type ReturnFact,
  type RfmCutsDoc,
} from './profiles.schema';

export interface MemberFacts {
  purchases: PurchaseFact[];
  returns: ReturnFact[];
}

/** The only place that touches purchase facts, profiles, cut points and recompute jobs. */
@Injectable()
export class ProfilesRepository {
  constructor(
    @InjectModel(PURCHASE_FACT_MODEL) private readonly purchases: Model<PurchaseFact>,
    @InjectModel(RETURN_FACT_MODEL) private readonly returns: Model<ReturnFact>,
    @InjectModel(MEMBER_PROFILE_MODEL) private readonly profiles: Model<MemberProfile>,
    @InjectModel(RFM_CUTS_MODEL) private readonly cuts: Model<RfmCutsDoc>,
    @InjectModel(RECOMPUTE_JOB_MODEL) private readonly jobs: Model<RecomputeJob>,
  ) {}

  /** False when the purchase was recorded already (a redelivery). Through the driver: it runs for every sale. */
  async insertPurchase(fact: PurchaseFact): Promise<boolean> {
    return insertRawOnce(this.purchases, fact);
  }

  async insertReturn(fact: ReturnFact): Promise<boolean> {
    return insertRawOnce(this.returns, fact);
  }

  /** Every purchase and refund of these members (every id gets an entry), with only the fields the features read. */
  async factsOf(memberIds: readonly string[]): Promise<Map<string, MemberFacts>> {
    const fields = { projection: { memberId: 1, occurredAt: 1, amountMinor: 1, currency: 1, purchaseId: 1 } };
    const [p, r] = await Promise.all([
      this.purchases.collection.find<PurchaseFact>({ memberId: { $in: memberIds } }, fields).toArray(),
      this.returns.collection.find<ReturnFact>({ memberId: { $in: memberIds } }, fields).toArray(),
    ]);
    const out = new Map<string, MemberFacts>(memberIds.map((id) => [id, { purchases: [], returns: [] }]));
    for (const f of p) out.get(f.memberId)?.purchases.push(f);
    for (const f of r) out.get(f.memberId)?.returns.push(f);
    return out;
  }

  /** Members with a purchase after `since` among these (conversion of a campaign). */
  async purchasesOf(memberIds: readonly string[], since: Date): Promise<Array<Pick<PurchaseFact, 'memberId' | 'occurredAt'>>> {
    if (memberIds.length === 0) return [];
    return this.purchases
      .find({ memberId: { $in: memberIds }, occurredAt: { $gt: since } })
      .select({ memberId: 1, occurredAt: 1 })
      .lean<PurchaseFact[]>()
      .exec();
  }

  /** Erasure: every fact and the profile of the member go. */
  async deleteMember(memberId: string): Promise<void> {
    await Promise.all([
      this.purchases.deleteMany({ memberId }).exec(),
      this.returns.deleteMany({ memberId }).exec(),
      this.profiles.deleteOne({ _id: memberId }).exec(),
    ]);
  }

  async findProfile(memberId: string): Promise<MemberProfile | null> {
    return this.profiles.findById(memberId).lean<MemberProfile>().exec();
  }

  async findProfiles(memberIds: readonly string[]): Promise<MemberProfile[]> {
    return this.profiles
      .find({ _id: { $in: memberIds } })
      .lean<MemberProfile[]>()
      .exec();
  }

  /** A first profile with the events of its first moves; false if one exists already (decide again). */
  async insertProfile(profile: MemberProfile, events: EventEnvelope[]): Promise<boolean> {
    return insertRawWithEvents(this.profiles, profile, events);
  }

  /** Replace the evaluated state if the profile is still at `rev`, with the moves and their events in the same write. */
  async replaceProfileIfUnchanged(
    memberId: string,
    rev: number,
    next: Omit<MemberProfile, '_id' | 'rev' | 'moves'>,
    moves: ProfileMove[],
    events: EventEnvelope[],
  ): Promise<boolean> {
    const update = updateWithEvents(
      { $set: { ...next, rev: rev + 1 }, ...(moves.length ? { $push: { moves: { $each: moves, $slice: -MAX_MOVES } } } : {}) },
      events,
    );
    const result = await this.profiles.updateOne({ _id: memberId, rev }, update).exec();
    return result.matchedCount === 1;
  }

  /** Profile ids in id order after `afterId` (batches of the recompute). */
  async profileIdsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.profiles
      .find(afterId === null ? {} : { _id: { $gt: afterId } })
      .select({ _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>()
      .exec();
    return rows.map((r) => r._id);
  }

  async countProfiles(): Promise<number> {
    return this.profiles.estimatedDocumentCount().exec();
  }

  /** Members in any of these segments and any of these stages (null: any), in id order (ids and scores only). */
  async membersIn(
    filter: { segments?: RfmSegment[] | null; stages?: LifecycleStage[] | null },
    afterId: string | null,
    limit: number,
  ): Promise<Array<Pick<MemberProfile, '_id' | 'scores' | 'segment' | 'stage'>>> {
    return this.profiles
      .find({
        ...(filter.segments ? { segment: { $in: filter.segments } } : {}),
        ...(filter.stages ? { stage: { $in: filter.stages } } : {}),
        ...(afterId !== null ? { _id: { $gt: afterId } } : {}),
      })
      .select({ _id: 1, scores: 1, segment: 1, stage: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Array<Pick<MemberProfile, '_id' | 'scores' | 'segment' | 'stage'>>>()
      .exec();
  }

  /** Size and spend of every segment, and the size of every stage. */
  async sizes(): Promise<{
    segments: Array<{ _id: RfmSegment; members: number; netSpendMinor: number }>;
    stages: Array<{ _id: LifecycleStage; members: number }>;
  }> {
    const [segments, stages] = await Promise.all([
      this.profiles
        .aggregate<{ _id: RfmSegment; members: number; netSpendMinor: number }>([
          { $match: { segment: { $ne: null } } },
          { $group: { _id: '$segment', members: { $sum: 1 }, netSpendMinor: { $sum: '$features.netSpendMinor' } } },
        ])
        .exec(),
      this.profiles
        .aggregate<{ _id: LifecycleStage; members: number }>([{ $match: { stage: { $ne: null } } }, { $group: { _id: '$stage', members: { $sum: 1 } } }])
        .exec(),
    ]);
    return { segments, stages };
  }

  /** The R x F grid: members and monetary total per (R, F) cell of scored members. */
  async grid(): Promise<Array<{ _id: { r: number; f: number }; members: number; netSpendMinor: number }>> {
    return this.profiles
      .aggregate<{ _id: { r: number; f: number }; members: number; netSpendMinor: number }>([
        { $match: { scores: { $ne: null } } },
        { $group: { _id: { r: '$scores.r', f: '$scores.f' }, members: { $sum: 1 }, netSpendMinor: { $sum: '$features.netSpendMinor' } } },
      ])
      .exec();
  }

  async currentCuts(): Promise<RfmCutsDoc | null> {
    return this.cuts.findById('current').lean<RfmCutsDoc>().exec();
  }

  async saveCuts(cuts: Omit<RfmCutsDoc, '_id'>): Promise<void> {
    await this.cuts.replaceOne({ _id: 'current' }, { _id: 'current', ...cuts }, { upsert: true }).exec();
  }

  async insertJob(job: RecomputeJob): Promise<void> {
    await this.jobs.create(job);
  }

  async updateJob(jobId: string, set: Partial<RecomputeJob>): Promise<void> {
    await this.jobs.updateOne({ _id: jobId }, { $set: set }).exec();
  }

  async findJob(jobId: string): Promise<RecomputeJob | null> {
    return this.jobs.findById(jobId).lean<RecomputeJob>().exec();
  }
}
