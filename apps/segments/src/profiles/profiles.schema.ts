import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';
import { LIFECYCLE_STAGES, RFM_SEGMENTS, type LifecycleStage, type RfmSegment } from '@app/contracts';
import type { MemberFeatures } from './features';
import type { RfmCuts, RfmScores } from './rfm';

/**
 * A purchase as the segments service keeps it: ids, amount, time. Keyed by purchaseId (which is
 * `<storeId>:<transactionId>`, up to 129 characters), so a redelivered event writes nothing new.
 */
export interface PurchaseFact {
  _id: string;
  memberId: string;
  occurredAt: Date;
  amountMinor: number;
  currency: string;
}
export const PURCHASE_FACT_MODEL = 'SegmentsPurchaseFact';
export const PurchaseFactSchema = new Schema<PurchaseFact>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
  },
  { collection: 'segments_purchase_facts', versionKey: false },
);
PurchaseFactSchema.index({ memberId: 1, occurredAt: 1 });

/** A refund of (part of) a purchase, keyed by returnId. */
export interface ReturnFact extends PurchaseFact {
  purchaseId: string;
}
export const RETURN_FACT_MODEL = 'SegmentsReturnFact';
export const ReturnFactSchema = new Schema<ReturnFact>(
  {
    _id: { type: String, required: true },
    purchaseId: { type: String, required: true },
    memberId: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
  },
  { collection: 'segments_return_facts', versionKey: false },
);
ReturnFactSchema.index({ memberId: 1 });

export interface ProfileMove {
  at: Date;
  kind: 'segment' | 'stage';
  from: string | null;
  to: string | null;
}

/**
 * One member's profile: features, RFM scores, segment and lifecycle stage, and the last moves.
 * Written by compare-and-set on `rev`, together with the events announcing the moves (outbox).
 * `profiled: false` = no analytics consent: features are kept, but no score, segment or stage.
 */
export interface MemberProfile {
  _id: string;
  rev: number;
  profiled: boolean;
  features: MemberFeatures;
  scores: RfmScores | null;
  segment: RfmSegment | null;
  stage: LifecycleStage | null;
  stageSince: Date | null;
  lastChurnedAt: Date | null;
  evaluatedAt: Date;
  /** The last MAX_MOVES moves, oldest first. */
  moves: ProfileMove[];
}
export const MAX_MOVES = 100;
export const MEMBER_PROFILE_MODEL = 'SegmentsMemberProfile';
export const MemberProfileSchema = new Schema<MemberProfile>(
  {
    _id: { type: String, required: true },
    rev: { type: Number, required: true },
    profiled: { type: Boolean, required: true },
    features: { type: Schema.Types.Mixed, required: true },
    scores: { type: Schema.Types.Mixed, default: null },
    segment: { type: String, enum: [...RFM_SEGMENTS, null], default: null },
    stage: { type: String, enum: [...LIFECYCLE_STAGES, null], default: null },
    stageSince: { type: Date, default: null },
    lastChurnedAt: { type: Date, default: null },
    evaluatedAt: { type: Date, required: true },
    moves: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'segments_member_profiles', versionKey: false, minimize: false },
);
MemberProfileSchema.index({ segment: 1, _id: 1 });
MemberProfileSchema.index({ stage: 1, _id: 1 });
MemberProfileSchema.plugin(outboxPlugin);

/** The current RFM cut points (`_id: 'current'`). */
export interface RfmCutsDoc extends RfmCuts {
  _id: string;
  /** Members active in the window the cuts were computed over. */
  population: number;
  computedAt: Date;
}
export const RFM_CUTS_MODEL = 'SegmentsRfmCuts';
export const RfmCutsSchema = new Schema<RfmCutsDoc>(
  {
    _id: { type: String, required: true },
    recency: { type: [Number], required: true },
    frequency: { type: [Number], required: true },
    monetary: { type: [Number], required: true },
    population: { type: Number, required: true },
    computedAt: { type: Date, required: true },
  },
  { collection: 'segments_rfm_cuts', versionKey: false },
);

export const RECOMPUTE_STATUSES = ['running', 'completed', 'failed'] as const;
export type RecomputeStatus = (typeof RECOMPUTE_STATUSES)[number];

/** A recompute run: cut points, then every member re-placed; progress for the status endpoint. */
export interface RecomputeJob {
  _id: string;
  status: RecomputeStatus;
  phase: 'features' | 'cuts' | 'placement' | 'done';
  trigger: 'on_demand' | 'schedule';
  total: number;
  processed: number;
  moves: { segment: number; stage: number };
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}
export const RECOMPUTE_JOB_MODEL = 'SegmentsRecomputeJob';
export const RecomputeJobSchema = new Schema<RecomputeJob>(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true, enum: RECOMPUTE_STATUSES },
    phase: { type: String, required: true },
    trigger: { type: String, required: true },
    total: { type: Number, required: true },
    processed: { type: Number, required: true },
    moves: { type: Schema.Types.Mixed, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    error: { type: String, default: null },
  },
  { collection: 'segments_recompute_jobs', versionKey: false },
);
