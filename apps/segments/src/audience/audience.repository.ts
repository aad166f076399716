import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertOnce, isDuplicateKeyError } from '@app/common';
import { AUDIENCE_MEMBER_MODEL, type AudienceMember } from './audience.schema';

/** The only place that touches the audience projection. */
@Injectable()
export class AudienceRepository {
  constructor(@InjectModel(AUDIENCE_MEMBER_MODEL) private readonly members: Model<AudienceMember>) {}

  async find(memberId: string): Promise<AudienceMember | null> {
    return this.members.findById(memberId).lean<AudienceMember>().exec();
  }

  async findMany(memberIds: readonly string[]): Promise<AudienceMember[]> {
    if (memberIds.length === 0) return [];
    return this.members.find({ _id: { $in: memberIds } }).lean<AudienceMember[]>().exec();
  }

  /** Insert a member the projection did not hold; false if one exists (decide again against it). */
  async insertIfAbsent(member: AudienceMember): Promise<boolean> {
    return insertOnce(this.members, member);
  }

  /**
   * Set the marketing consent if the member is still exactly as read (compare-and-set on the
   * consent fields, never on an erased member); false if something changed meanwhile.
   */
  async replaceConsentIfUnchanged(memberId: string, read: { granted: boolean; changedAt: Date | null }, next: { granted: boolean; changedAt: Date }): Promise<boolean> {
    const result = await this.members
      .updateOne(
        { _id: memberId, erased: false, marketingGranted: read.granted, marketingChangedAt: read.changedAt },
        { $set: { marketingGranted: next.granted, marketingChangedAt: next.changedAt } },
      )
      .exec();
    return result.matchedCount === 1;
  }

  /** Record the enrolment (idempotent); never revives an erased member. */
  async markEnrolled(memberId: string, enrolledAt: Date): Promise<void> {
    try {
      await this.members
        .updateOne(
          { _id: memberId, erased: false },
          { $set: { enrolledAt }, $setOnInsert: { marketingGranted: false, marketingChangedAt: null, erased: false, erasedAt: null } },
          { upsert: true },
        )
        .exec();
    } catch (err) {
      // The filter did not match an existing document (an erased tombstone): nothing to do.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** Forget everything but the id: a tombstone that no later event can bring back. */
  async erase(memberId: string, erasedAt: Date): Promise<void> {
    await this.members
      .replaceOne({ _id: memberId }, { _id: memberId, marketingGranted: false, marketingChangedAt: null, enrolledAt: null, erased: true, erasedAt }, { upsert: true })
      .exec();
  }
}
