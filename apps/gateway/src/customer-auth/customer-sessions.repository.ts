import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertOnce } from '@app/common';
import { CUSTOMER_SESSION_MODEL, OTP_CHALLENGE_MODEL, type CustomerSession, type OtpChallenge } from './customer-auth.schema';

/** The only place that touches sign-in challenges and customer sessions. */
@Injectable()
export class CustomerSessionsRepository {
  constructor(
    @InjectModel(OTP_CHALLENGE_MODEL) private readonly challenges: Model<OtpChallenge>,
    @InjectModel(CUSTOMER_SESSION_MODEL) private readonly sessions: Model<CustomerSession>,
  ) {}

  insertChallenge(c: OtpChallenge): Promise<boolean> {
    return insertOnce(this.challenges, c);
  }

  countChallengesSince(identifierHash: string, since: Date): Promise<number> {
    return this.challenges.countDocuments({ identifierHash, createdAt: { $gte: since } }).exec();
  }

  /** Count one attempt on a usable challenge; null when it is unknown, used, expired or out of attempts. */
  attempt(id: string, now: Date, maxAttempts: number): Promise<OtpChallenge | null> {
    return this.challenges
      .findOneAndUpdate({ _id: id, consumedAt: null, expiresAt: { $gt: now }, attempts: { $lt: maxAttempts } }, { $inc: { attempts: 1 } }, { new: true })
      .lean<OtpChallenge>()
      .exec();
  }

  async consume(id: string, now: Date): Promise<boolean> {
    const r = await this.challenges.updateOne({ _id: id, consumedAt: null }, { $set: { consumedAt: now } }).exec();
    return r.modifiedCount === 1;
  }

  insertSession(s: CustomerSession): Promise<boolean> {
    return insertOnce(this.sessions, s);
  }

  findSession(id: string): Promise<CustomerSession | null> {
    return this.sessions.findById(id).lean<CustomerSession>().exec();
  }

  /** Rotate the refresh secret if it is still the one presented (two racing refreshes: one wins). */
  async rotate(id: string, fromHash: string, toHash: string, now: Date): Promise<boolean> {
    const r = await this.sessions
      .updateOne({ _id: id, refreshHash: fromHash, revokedAt: null }, { $set: { refreshHash: toHash, lastRefreshedAt: now } })
      .exec();
    return r.modifiedCount === 1;
  }

  async revoke(id: string, now: Date, reason: NonNullable<CustomerSession['revokedReason']>): Promise<void> {
    await this.sessions.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now, revokedReason: reason } }).exec();
  }

  async revokeAllOf(memberId: string, now: Date): Promise<number> {
    const r = await this.sessions.updateMany({ memberId, revokedAt: null }, { $set: { revokedAt: now, revokedReason: 'sign_out_everywhere' } }).exec();
    return r.modifiedCount;
  }

  /** What an access token is checked against on every request. */
  async isActive(id: string, memberId: string, now: Date): Promise<boolean> {
    const s = await this.sessions.findOne({ _id: id, memberId }).select('revokedAt expiresAt').lean<Pick<CustomerSession, 'revokedAt' | 'expiresAt'>>().exec();
    return !!s && s.revokedAt === null && s.expiresAt > now;
  }
}
