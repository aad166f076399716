import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';
import type { CampaignChannel, CampaignKind, LifecycleStage, RfmSegment } from '@app/contracts';
import type { CampaignSkipReason, FrequencyCap } from './treatment-rules';

/** draft -> dispatching -> dispatched (one-off), or draft -> active (triggered: treats members as their triggers fire). */
export const CAMPAIGN_STATUSES = ['draft', 'dispatching', 'dispatched', 'active'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type SkippedCounts = Record<CampaignSkipReason, number>;

/** An audience by filters, evaluated when the campaign runs (each list: any of; lists combine with and). */
export interface AudienceFilter {
  segments: RfmSegment[] | null;
  stages: LifecycleStage[] | null;
  tiers: string[] | null;
  storeIds: string[] | null;
}

export const TRIGGER_TYPES = ['segment_entered', 'segment_exited', 'stage_entered', 'birthday'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** What treats a member of a triggered campaign: their entering/leaving a segment, entering a stage, their birthday. */
export interface CampaignTrigger {
  on: TriggerType;
  /** The segment (segment_entered / segment_exited) or stage (stage_entered); null for birthday. */
  value: string | null;
}

/** What a treated member gets besides the message request: nothing, bonus points, or a coupon of a points-catalogue reward. */
export type CampaignAction = { type: 'message' } | { type: 'points'; points: number } | { type: 'coupon'; rewardId: string };

export interface CampaignControls {
  /** Share of consenting members held out as the control group (0-50 %). */
  holdoutPercent: number;
  /** At most this many treatments per member across all campaigns in a rolling window. */
  frequencyCap: FrequencyCap | null;
  /** Total points the campaign may grant (points actions). */
  budgetPoints: number | null;
  /** Schedule window: triggers outside it treat no one. */
  startsAt: Date | null;
  endsAt: Date | null;
  /** A treated or held-out member converted if they bought within this many days. */
  conversionDays: number;
}

export interface CampaignDispatch {
  startedAt: Date;
  completedAt: Date | null;
  by: { id: string; role: string };
  sent: number;
  heldOut: number;
  skipped: SkippedCounts;
}

/**
 * A marketing campaign to an explicit list of member ids or to an audience by filters, once
 * (dispatch) or on a trigger. Life: draft -> dispatching (a dispatch started; a crash leaves it
 * here and the next dispatch finishes it) -> dispatched; or draft -> active (triggered).
 */
export interface Campaign {
  _id: string;
  name: string;
  kind: CampaignKind;
  channel: CampaignChannel;
  /** Member ids, unique, at most MAX_AUDIENCE (empty for an audience by filters). */
  audience: string[];
  /** The explicit list's size; for filters, the members decided at dispatch. */
  audienceSize: number;
  audienceFilter: AudienceFilter | null;
  trigger: CampaignTrigger | null;
  action: CampaignAction;
  controls: CampaignControls;
  /** Points reserved from the budget (granted, or reserved by a decision in flight). */
  budgetSpentPoints: number;
  status: CampaignStatus;
  createdBy: { id: string; role: string };
  createdAt: Date;
  activatedAt: Date | null;
  dispatch: CampaignDispatch | null;
}
export const DEFAULT_CONTROLS: CampaignControls = {
  holdoutPercent: 0,
  frequencyCap: null,
  budgetPoints: null,
  startsAt: null,
  endsAt: null,
  conversionDays: 14,
};

/** Fill the fields a campaign stored before segment audiences, triggers and controls existed. */
export function withDefaults<C extends Partial<Campaign>>(
  c: C,
): C & Pick<Campaign, 'audienceFilter' | 'trigger' | 'action' | 'controls' | 'budgetSpentPoints' | 'activatedAt'> {
  return {
    audienceFilter: null,
    trigger: null,
    action: { type: 'message' },
    budgetSpentPoints: 0,
    activatedAt: null,
    ...c,
    controls: { ...DEFAULT_CONTROLS, ...(c.controls ?? {}) },
  };
}

export const CAMPAIGN_MODEL = 'SegmentsCampaign';
export const CampaignSchema = new Schema<Campaign>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    channel: { type: String, required: true },
    audience: { type: [String], required: true },
    audienceSize: { type: Number, required: true },
    audienceFilter: { type: Schema.Types.Mixed, default: null },
    trigger: { type: Schema.Types.Mixed, default: null },
    action: { type: Schema.Types.Mixed, default: () => ({ type: 'message' }) },
    controls: { type: Schema.Types.Mixed, default: () => ({ ...DEFAULT_CONTROLS }) },
    budgetSpentPoints: { type: Number, default: 0 },
    status: { type: String, required: true, enum: CAMPAIGN_STATUSES },
    createdBy: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    activatedAt: { type: Date, default: null },
    dispatch: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'segments_campaigns', versionKey: false },
);
CampaignSchema.index({ createdAt: -1, _id: -1 });
CampaignSchema.index({ status: 1, 'trigger.on': 1, 'trigger.value': 1 });

/** `sent` = treated (message requested, points granted); `held_out` = in the control group, never treated. */
export const RECIPIENT_OUTCOMES = ['sent', 'held_out', 'skipped'] as const;
export type RecipientOutcome = (typeof RECIPIENT_OUTCOMES)[number];

/**
 * What a campaign decided for one member, decided once: `_id` is `<campaignId>:<memberId>` for a
 * dispatch and `<campaignId>:<memberId>:<occurrence>` for a trigger (the triggering event's id), and
 * a `sent` recipient is inserted together with its events (outbox), so a re-dispatch, a redelivered
 * trigger or a racing instance cannot treat a member twice for one occurrence.
 */
export interface CampaignRecipient {
  _id: string;
  campaignId: string;
  memberId: string;
  /** The trigger event's id (null for a dispatch). */
  occurrenceId?: string | null;
  outcome: RecipientOutcome;
  reason: CampaignSkipReason | null;
  /** Points granted with the treatment (points actions). */
  points?: number;
  /** The coupon grant asked of points with the treatment (coupon actions). */
  couponGrantId?: string | null;
  /** Points' answer to that grant: `issued`, or the reason it refused it (absent until it answered). */
  couponOutcome?: string | null;
  decidedAt: Date;
}
export const CAMPAIGN_RECIPIENT_MODEL = 'SegmentsCampaignRecipient';
export const CampaignRecipientSchema = new Schema<CampaignRecipient>(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    memberId: { type: String, required: true },
    occurrenceId: { type: String, default: null },
    outcome: { type: String, required: true, enum: RECIPIENT_OUTCOMES },
    reason: { type: String, default: null },
    points: { type: Number, default: 0 },
    couponGrantId: { type: String, default: null },
    couponOutcome: { type: String, default: null },
    decidedAt: { type: Date, required: true },
  },
  { collection: 'segments_campaign_recipients', versionKey: false },
);
CampaignRecipientSchema.index({ campaignId: 1, memberId: 1 });
CampaignRecipientSchema.index({ memberId: 1, decidedAt: 1 });
CampaignRecipientSchema.plugin(outboxPlugin);

export function recipientId(campaignId: string, memberId: string, occurrenceId: string | null = null): string {
  return occurrenceId ? `${campaignId}:${memberId}:${occurrenceId}` : `${campaignId}:${memberId}`;
}
