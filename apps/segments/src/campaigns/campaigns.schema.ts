import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';
import type { CampaignChannel, CampaignKind } from '@app/contracts';
import type { SkipReason } from '../audience/consent-rules';

export const CAMPAIGN_STATUSES = ['draft', 'dispatching', 'dispatched'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type SkippedCounts = Record<SkipReason, number>;

export interface CampaignDispatch {
  startedAt: Date;
  completedAt: Date | null;
  by: { id: string; role: string };
  sent: number;
  skipped: SkippedCounts;
}

/**
 * A marketing campaign to an explicit list of member ids. Life: draft -> dispatching (a dispatch
 * started; a crash leaves it here and the next dispatch finishes it) -> dispatched.
 */
export interface Campaign {
  _id: string;
  name: string;
  kind: CampaignKind;
  channel: CampaignChannel;
  /** Member ids, unique, at most MAX_AUDIENCE. */
  audience: string[];
  audienceSize: number;
  status: CampaignStatus;
  createdBy: { id: string; role: string };
  createdAt: Date;
  dispatch: CampaignDispatch | null;
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
    status: { type: String, required: true, enum: CAMPAIGN_STATUSES },
    createdBy: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    dispatch: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'segments_campaigns', versionKey: false },
);
CampaignSchema.index({ createdAt: -1, _id: -1 });

export type RecipientOutcome = 'sent' | 'skipped';

/**
 * What a dispatch decided for one audience member, decided once: `_id` is `<campaignId>:<memberId>`,
 * and a `sent` recipient is inserted together with its campaign.message.requested.v1 event (outbox),
 * so a re-dispatch or a racing dispatch cannot request a second message.
 */
export interface CampaignRecipient {
  _id: string;
  campaignId: string;
  memberId: string;
  outcome: RecipientOutcome;
  reason: SkipReason | null;
  decidedAt: Date;
}
export const CAMPAIGN_RECIPIENT_MODEL = 'SegmentsCampaignRecipient';
export const CampaignRecipientSchema = new Schema<CampaignRecipient>(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    memberId: { type: String, required: true },
    outcome: { type: String, required: true, enum: ['sent', 'skipped'] },
    reason: { type: String, default: null },
    decidedAt: { type: Date, required: true },
  },
  { collection: 'segments_campaign_recipients', versionKey: false },
);
CampaignRecipientSchema.index({ campaignId: 1, memberId: 1 });
CampaignRecipientSchema.index({ memberId: 1, decidedAt: 1 });
CampaignRecipientSchema.plugin(outboxPlugin);

export function recipientId(campaignId: string, memberId: string): string {
  return `${campaignId}:${memberId}`;
}
