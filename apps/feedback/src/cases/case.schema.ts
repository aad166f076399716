import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';
import type { SlaClockName, SlaClocks } from '../sla/sla-clock';
import type { SlaPolicySnapshot } from '../sla/sla-policy';
import type { CaseCategory, CaseChannel, CaseKind, CaseOutcome, CaseSeverity, CaseStatus, Team } from './case.model';

export interface ActorRef {
  id: string;
  role: string;
}

/** Personal data of a non-member contact, each field sealed (AES-256-GCM, bound to case and field). */
export interface SealedContact {
  name?: string;
  phone?: string;
  email?: string;
}

export interface CaseHistoryEntry {
  at: Date;
  actor: ActorRef;
  action:
    | 'opened'
    | 'transition'
    | 'answer'
    | 'assign'
    | 'escalate'
    | 'resolve'
    | 'reopen'
    | 'customer_reply'
    | 'compensation_approved'
    | 'contact_erased'
    | 'member_erased';
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
}

export interface Escalation {
  level: number;
  reason: string;
  at: Date;
  actor: ActorRef;
  note: string | null;
}

export interface Compensation {
  compensationId: string;
  points: number;
  status: 'granted' | 'awaiting_approval';
  requestedBy: ActorRef;
  requestedAt: Date;
  approvedBy: ActorRef | null;
  grantedAt: Date | null;
}

/**
 * A coupon granted as compensation: asked of the points service once (grant id = `cpg_<caseId>`);
 * `granted` (with the coupon id) or `refused` (with points' reason) once points has answered.
 */
export interface CouponCompensation {
  grantId: string;
  rewardId: string;
  status: 'requested' | 'granted' | 'refused';
  requestedBy: ActorRef;
  requestedAt: Date;
  couponId?: string | null;
  refusal?: string | null;
  settledAt?: Date | null;
}

export interface CaseSurvey {
  surveyId: string;
  tokenHash: string;
  requestedAt: Date;
  expiresAt: Date;
  score: number | null;
  comment: string | null;
  answeredAt: Date | null;
  followUpCaseId: string | null;
}

export interface Resolution {
  outcomes: CaseOutcome[];
  note: string | null;
  resolvedAt: Date;
  resolvedBy: ActorRef;
}

export interface FeedbackCase {
  _id: string;
  kind: CaseKind;
  subtype: string;
  category: CaseCategory;
  severity: CaseSeverity;
  channel: CaseChannel;
  storeId: string | null;
  purchaseId: string | null;
  memberId: string | null;
  contact: SealedContact | null;
  /** Blind index of the contact's phone or email: finds repeat complaints without plaintext. */
  contactHash: string | null;
  description: string | null;
  attachments: string[];
  /** Retail terms of the description, kept for statistics after personal data is erased. */
  terms: string[];
  status: CaseStatus;
  /** Optimistic concurrency: every workflow write is conditional on it. */
  version: number;
  openedAt: Date;
  openedBy: ActorRef;
  assignee: string | null;
  team: Team;
  escalationLevel: number;
  escalations: Escalation[];
  history: CaseHistoryEntry[];
  policy: SlaPolicySnapshot;
  sla: SlaClocks;
  nextDueAt: Date | null;
  breached: SlaClockName[];
  repeatOf: string | null;
  followUpOf: string | null;
  resolution: Resolution | null;
  firstResolvedAt: Date | null;
  reopenCount: number;
  compensation: Compensation | null;
  /** Absent on cases resolved before coupon compensation existed. */
  couponCompensation?: CouponCompensation | null;
  survey: CaseSurvey | null;
  /** FAQ articles a consultation was answered with. */
  faqArticleIds?: string[];
  erasedAt: Date | null;
}

export const CASE_MODEL = 'FeedbackCase';
export const CaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    subtype: { type: String, required: true },
    category: { type: String, required: true },
    severity: { type: String, required: true },
    channel: { type: String, required: true },
    storeId: { type: String, default: null },
    purchaseId: { type: String, default: null },
    memberId: { type: String, default: null },
    contact: { type: Schema.Types.Mixed, default: null },
    contactHash: { type: String, default: null },
    description: { type: String, default: null },
    attachments: { type: [String], default: [] },
    terms: { type: [String], default: [] },
    status: { type: String, required: true },
    version: { type: Number, required: true },
    openedAt: { type: Date, required: true },
    openedBy: { type: Schema.Types.Mixed, required: true },
    assignee: { type: String, default: null },
    team: { type: String, required: true },
    escalationLevel: { type: Number, required: true },
    escalations: { type: [Schema.Types.Mixed], default: [] },
    history: { type: [Schema.Types.Mixed], default: [] },
    policy: { type: Schema.Types.Mixed, required: true },
    sla: { type: Schema.Types.Mixed, required: true },
    nextDueAt: { type: Date, default: null },
    breached: { type: [String], default: [] },
    repeatOf: { type: String, default: null },
    followUpOf: { type: String, default: null },
    resolution: { type: Schema.Types.Mixed, default: null },
    firstResolvedAt: { type: Date, default: null },
    reopenCount: { type: Number, default: 0 },
    compensation: { type: Schema.Types.Mixed, default: null },
    couponCompensation: { type: Schema.Types.Mixed, default: null },
    survey: { type: Schema.Types.Mixed, default: null },
    faqArticleIds: { type: [String], default: undefined },
    erasedAt: { type: Date, default: null },
  },
  { collection: 'feedback_cases', versionKey: false },
);
CaseSchema.index({ status: 1, nextDueAt: 1 });
CaseSchema.index({ memberId: 1, category: 1, openedAt: -1 });
CaseSchema.index({ contactHash: 1, category: 1, openedAt: -1 }, { sparse: true });
CaseSchema.index({ storeId: 1, openedAt: -1 });
CaseSchema.index({ 'survey.tokenHash': 1 }, { sparse: true });
CaseSchema.plugin(outboxPlugin);
