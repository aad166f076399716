import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';
import type { ConsentPurpose, EnrolmentChannel, TierChangeReason } from '@app/contracts';

export const MEMBER_CLASSES = ['regular', 'premium', 'corporate'] as const;
export type MemberClass = (typeof MEMBER_CLASSES)[number];
export const MEMBER_STATUSES = ['active', 'erased'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Sealed (encrypted) personal fields; see PersonalDataCipher. Absent once erased. */
export interface SealedPersonalData {
  name?: string;
  phone?: string;
  email?: string;
  /** YYYY-MM-DD */
  birthday?: string;
}
export const PERSONAL_FIELDS = ['name', 'phone', 'email', 'birthday'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

export interface ConsentRecord {
  granted: boolean;
  at: Date;
  channel: string;
  policyVersion: string;
}

export interface ConsentHistoryEntry extends ConsentRecord {
  purpose: ConsentPurpose;
  actorId: string;
  actorRole: string;
}

/** Who changed which fields when (never the values). */
export interface ChangeHistoryEntry {
  fields: string[];
  actorId: string;
  actorRole: string;
  at: Date;
}

export interface TierOverride {
  code: string;
  reason: string;
  expiresAt: Date;
  by: string;
  at: Date;
}

export interface MemberTierState {
  code: string;
  since: Date;
  reviewDate: Date;
  /** The tier held at the start of the review period: a return never takes the member below it. */
  floorCode: string;
  /** Earned tier while a staff override is active (restored when it expires). */
  override?: TierOverride | null;
}

export interface TierHistoryEntry {
  from: string;
  to: string;
  reason: TierChangeReason;
  at: Date;
  by: string;
  note?: string;
}

export interface Member {
  _id: string;
  cardNumber?: string;
  status: MemberStatus;
  channel: EnrolmentChannel;
  memberClass: MemberClass;
  organisationId?: string | null;
  preferredStoreId: string;
  personal: SealedPersonalData;
  phoneHash?: string;
  emailHash?: string;
  birthdayMdHash?: string;
  consents: Partial<Record<ConsentPurpose, ConsentRecord>>;
  consentHistory: ConsentHistoryEntry[];
  changeHistory: ChangeHistoryEntry[];
  tier: MemberTierState;
  qualifyingSpendMinor: number;
  tierHistory: TierHistoryEntry[];
  lastBirthdayYear?: number;
  enrolledAt: Date;
  lastActivityAt: Date;
  updatedAt: Date;
  erasedAt?: Date | null;
  /** Enrolment retry guard: the caller-scoped Idempotency-Key and the hash of its request body (removed at erasure). */
  enrolmentKey?: string;
  enrolmentRequestHash?: string;
}

export const MEMBER_MODEL = 'Member';

const ConsentSchema = new Schema<ConsentRecord>({ granted: Boolean, at: Date, channel: String, policyVersion: String }, { _id: false });
const ConsentHistorySchema = new Schema<ConsentHistoryEntry>(
  { purpose: String, granted: Boolean, at: Date, channel: String, policyVersion: String, actorId: String, actorRole: String },
  { _id: false },
);
const ChangeHistorySchema = new Schema<ChangeHistoryEntry>({ fields: [String], actorId: String, actorRole: String, at: Date }, { _id: false });
const TierHistorySchema = new Schema<TierHistoryEntry>({ from: String, to: String, reason: String, at: Date, by: String, note: String }, { _id: false });

export const MemberSchema = new Schema<Member>(
  {
    _id: { type: String, required: true },
    cardNumber: { type: String },
    status: { type: String, enum: MEMBER_STATUSES, required: true },
    channel: { type: String, required: true },
    memberClass: { type: String, enum: MEMBER_CLASSES, required: true },
    organisationId: { type: String, default: null },
    preferredStoreId: { type: String, required: true },
    personal: { name: String, phone: String, email: String, birthday: String },
    phoneHash: { type: String },
    emailHash: { type: String },
    birthdayMdHash: { type: String },
    consents: { marketing: { type: ConsentSchema }, analytics: { type: ConsentSchema } },
    consentHistory: { type: [ConsentHistorySchema], default: [] },
    changeHistory: { type: [ChangeHistorySchema], default: [] },
    tier: {
      code: { type: String, required: true },
      since: { type: Date, required: true },
      reviewDate: { type: Date, required: true },
      floorCode: { type: String, required: true },
      override: { type: Schema.Types.Mixed, default: null },
    },
    qualifyingSpendMinor: { type: Number, default: 0 },
    tierHistory: { type: [TierHistorySchema], default: [] },
    lastBirthdayYear: { type: Number },
    enrolledAt: { type: Date, required: true },
    lastActivityAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    erasedAt: { type: Date, default: null },
    enrolmentKey: { type: String },
    enrolmentRequestHash: { type: String },
  },
  { collection: 'members', versionKey: false },
);
// Uniqueness of identifiers lives in the database (sparse: erased members hold none).
MemberSchema.index({ phoneHash: 1 }, { unique: true, sparse: true });
MemberSchema.index({ emailHash: 1 }, { unique: true, sparse: true });
MemberSchema.index({ cardNumber: 1 }, { unique: true, sparse: true });
// One member per enrolment Idempotency-Key: a racing retry collides here and replays the winner.
MemberSchema.index({ enrolmentKey: 1 }, { unique: true, sparse: true });
MemberSchema.index({ birthdayMdHash: 1 }, { sparse: true });
MemberSchema.index({ status: 1, 'tier.reviewDate': 1 });
MemberSchema.index({ status: 1, lastActivityAt: 1 });
MemberSchema.plugin(outboxPlugin);
