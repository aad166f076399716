import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ConsentPurpose, EventEnvelope } from '@app/contracts';
import { isDuplicateKeyError, updateWithEvents, withEvents } from '@app/common';
import { MEMBER_MODEL, type ChangeHistoryEntry, type ConsentHistoryEntry, type ConsentRecord, type Member, type SealedPersonalData } from './member.schema';

/** `enrolmentKey`: another enrolment with the same Idempotency-Key won a race (never shown to clients). */
export type DuplicateIdentifier = 'phone' | 'email' | 'cardNumber' | 'enrolmentKey';

/** Thrown by `insert` when a unique identifier is taken (which one, never whose). */
export class DuplicateIdentifierError extends Error {
  constructor(readonly identifiers: DuplicateIdentifier[]) {
    super(`duplicate ${identifiers.join(', ')}`);
  }
}

function duplicateOf(err: unknown): DuplicateIdentifier[] {
  const e = err as { keyPattern?: Record<string, unknown>; message?: string };
  const keys = Object.keys(e.keyPattern ?? {});
  const text = `${keys.join(' ')} ${e.message ?? ''}`;
  const found: DuplicateIdentifier[] = [];
  if (text.includes('phoneHash')) found.push('phone');
  if (text.includes('emailHash')) found.push('email');
  if (text.includes('cardNumber')) found.push('cardNumber');
  if (text.includes('enrolmentKey')) found.push('enrolmentKey');
  return found;
}

/** The one place that touches the members collection (the tiers feature has its own view of the tier part). */
@Injectable()
export class MembersRepository {
  constructor(@InjectModel(MEMBER_MODEL) private readonly members: Model<Member>) {}

  /** Insert the member and its events atomically; a taken phone/email/card raises DuplicateIdentifierError. */
  async insert(member: Member, events: EventEnvelope[]): Promise<void> {
    try {
      await this.members.create(withEvents(member, events));
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const which = duplicateOf(err);
      throw new DuplicateIdentifierError(which.length ? which : ['phone']);
    }
  }

  async findById(memberId: string): Promise<Member | null> {
    return this.members.findById(memberId).lean<Member>().exec();
  }

  /** The member an enrolment with this (caller-scoped) Idempotency-Key created, if any. */
  async findByEnrolmentKey(enrolmentKey: string): Promise<Member | null> {
    return this.members.findOne({ enrolmentKey }).lean<Member>().exec();
  }

  async findActiveBy(identifier: { cardNumber: string } | { phoneHash: string } | { emailHash: string }): Promise<Member | null> {
    return this.members
      .findOne({ ...identifier, status: 'active' })
      .lean<Member>()
      .exec();
  }

  /** Which of these identifiers another member already holds. */
  async takenIdentifiers(hashes: { phoneHash?: string; emailHash?: string }, exceptMemberId?: string): Promise<DuplicateIdentifier[]> {
    const taken: DuplicateIdentifier[] = [];
    const notSelf = exceptMemberId ? { _id: { $ne: exceptMemberId } } : {};
    if (hashes.phoneHash && (await this.members.exists({ phoneHash: hashes.phoneHash, ...notSelf }))) taken.push('phone');
    if (hashes.emailHash && (await this.members.exists({ emailHash: hashes.emailHash, ...notSelf }))) taken.push('email');
    return taken;
  }

  /** Profile change + who-changed-what + event, atomically; false when the member is not active. */
  async updateProfile(memberId: string, set: Record<string, unknown>, unset: string[], history: ChangeHistoryEntry, events: EventEnvelope[]): Promise<boolean> {
    try {
      const update: Record<string, Record<string, unknown>> = {
        $set: { ...set, updatedAt: history.at, lastActivityAt: history.at },
        $push: { changeHistory: history },
      };
      if (unset.length) update.$unset = Object.fromEntries(unset.map((f) => [f, 1]));
      const res = await this.members.updateOne({ _id: memberId, status: 'active' }, updateWithEvents(update, events)).exec();
      return res.matchedCount === 1;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const which = duplicateOf(err);
      throw new DuplicateIdentifierError(which.length ? which : ['phone']);
    }
  }

  async setConsent(memberId: string, purpose: ConsentPurpose, record: ConsentRecord, history: ConsentHistoryEntry, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.members
      .updateOne(
        { _id: memberId, status: 'active' },
        updateWithEvents({ $set: { [`consents.${purpose}`]: record, updatedAt: record.at }, $push: { consentHistory: history } }, events),
      )
      .exec();
    return res.matchedCount === 1;
  }

  /**
   * Erasure: the ciphertexts, blind indexes and card number are removed from the document (the
   * member id stays as a pseudonym), in the same write as the event. False if already erased.
   */
  async erase(memberId: string, at: Date, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.members
      .updateOne(
        { _id: memberId, status: 'active' },
        updateWithEvents(
          {
            $set: { status: 'erased', erasedAt: at, updatedAt: at, personal: {}, organisationId: null },
            $unset: { phoneHash: 1, emailHash: 1, birthdayMdHash: 1, cardNumber: 1, lastBirthdayYear: 1, enrolmentKey: 1, enrolmentRequestHash: 1 },
          },
          events,
        ),
      )
      .exec();
    return res.modifiedCount === 1;
  }

  async birthdayCandidates(birthdayHashes: string[], year: number, limit: number): Promise<Pick<Member, '_id'>[]> {
    return this.members
      .find({ birthdayMdHash: { $in: birthdayHashes }, status: 'active', lastBirthdayYear: { $ne: year } })
      .select({ _id: 1 })
      .limit(limit)
      .lean<Pick<Member, '_id'>[]>()
      .exec();
  }

  /** Mark this year's birthday as announced, with its event; false if already done this year. */
  async markBirthday(memberId: string, year: number, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.members
      .updateOne({ _id: memberId, status: 'active', lastBirthdayYear: { $ne: year } }, updateWithEvents({ $set: { lastBirthdayYear: year } }, events))
      .exec();
    return res.modifiedCount === 1;
  }

  /** Active members with their sealed fields, in id order from `afterId` (key rotation). */
  async sealedPage(afterId: string | null, limit: number): Promise<Pick<Member, '_id' | 'personal'>[]> {
    return this.members
      .find({ status: 'active', ...(afterId ? { _id: { $gt: afterId } } : {}) })
      .select({ personal: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Pick<Member, '_id' | 'personal'>[]>()
      .exec();
  }

  /** Swap sealed values for re-encrypted ones, only if they are still the ones read (no lost update). */
  async replaceSealed(memberId: string, before: SealedPersonalData, after: SealedPersonalData): Promise<boolean> {
    const filter: Record<string, unknown> = { _id: memberId, status: 'active' };
    const set: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(before)) {
      filter[`personal.${field}`] = value;
      set[`personal.${field}`] = after[field as keyof SealedPersonalData];
    }
    const res = await this.members.updateOne(filter, { $set: set }).exec();
    return res.modifiedCount === 1;
  }

  async inactiveSince(cutoff: Date, limit: number): Promise<Pick<Member, '_id'>[]> {
    return this.members
      .find({ status: 'active', lastActivityAt: { $lt: cutoff } })
      .select({ _id: 1 })
      .limit(limit)
      .lean<Pick<Member, '_id'>[]>()
      .exec();
  }
}
