import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { insertOnce, isDuplicateKeyError, withEvents } from '@app/common';
import { SKIP_REASONS } from '../audience/consent-rules';
import {
  CAMPAIGN_MODEL,
  CAMPAIGN_RECIPIENT_MODEL,
  recipientId,
  type Campaign,
  type CampaignDispatch,
  type CampaignRecipient,
  type RecipientOutcome,
  type SkippedCounts,
} from './campaigns.schema';
import type { SkipReason } from '../audience/consent-rules';

/** A campaign without its audience list (lists and views need the size only). */
export type CampaignSummary = Omit<Campaign, 'audience'>;

/** True when every write error of an unordered bulk insert is a duplicate key (already decided). */
function onlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return isDuplicateKeyError(err);
  return writeErrors.every((w: { code?: unknown; err?: { code?: unknown } }) => (w.code ?? w.err?.code) === 11000);
}

/** The only place that touches campaigns and their recipients. */
@Injectable()
export class CampaignsRepository {
  constructor(
    @InjectModel(CAMPAIGN_MODEL) private readonly campaigns: Model<Campaign>,
    @InjectModel(CAMPAIGN_RECIPIENT_MODEL) private readonly recipients: Model<CampaignRecipient>,
  ) {}

  async insert(campaign: Campaign): Promise<boolean> {
    return insertOnce(this.campaigns, campaign);
  }

  async find(campaignId: string): Promise<Campaign | null> {
    return this.campaigns.findById(campaignId).lean<Campaign>().exec();
  }

  async findSummary(campaignId: string): Promise<CampaignSummary | null> {
    return this.campaigns.findById(campaignId).select({ audience: 0 }).lean<CampaignSummary>().exec();
  }

  /** Newest first; `after` is the last campaign of the previous page. */
  async list(after: { createdAt: Date; id: string } | null, limit: number): Promise<CampaignSummary[]> {
    const filter = after ? { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] } : {};
    // The audience can hold 10,000 ids: lists carry its size, not the list.
    return this.campaigns.find(filter).select({ audience: 0 }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<CampaignSummary[]>().exec();
  }

  /** draft -> dispatching, recording who started it and when (no effect once started). */
  async markDispatching(campaignId: string, dispatch: CampaignDispatch): Promise<void> {
    await this.campaigns.updateOne({ _id: campaignId, status: 'draft' }, { $set: { status: 'dispatching', dispatch } }).exec();
  }

  /** -> dispatched with the outcome counted from the recipients (no effect once dispatched). */
  async markDispatched(campaignId: string, counts: { sent: number; skipped: SkippedCounts }, completedAt: Date): Promise<void> {
    await this.campaigns
      .updateOne(
        { _id: campaignId, status: 'dispatching' },
        { $set: { status: 'dispatched', 'dispatch.completedAt': completedAt, 'dispatch.sent': counts.sent, 'dispatch.skipped': counts.skipped } },
      )
      .exec();
  }

  /** Which of these members a dispatch of the campaign has already decided. */
  async decidedMembers(campaignId: string, memberIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.recipients
      .find({ _id: { $in: memberIds.map((m) => recipientId(campaignId, m)) } })
      .select({ memberId: 1 })
      .lean<Array<{ memberId: string }>>()
      .exec();
    return new Set(rows.map((r) => r.memberId));
  }

  /**
   * Insert recipients, each with its events (a `sent` one carries its message request). A
   * recipient that exists already (a racing dispatch decided it first) is left as it is, and so
   * are its events: one message request per (campaign, member), whatever happens.
   */
  async insertRecipients(rows: Array<{ recipient: CampaignRecipient; events: EventEnvelope[] }>): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.recipients.insertMany(
        rows.map((r) => withEvents(r.recipient, r.events)),
        { ordered: false },
      );
    } catch (err) {
      // The ones inserted keep their events; the outbox relay's periodic scan publishes them.
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }

  async countOutcomes(campaignId: string): Promise<{ sent: number; skipped: SkippedCounts }> {
    const sent = await this.recipients.countDocuments({ campaignId, outcome: 'sent' }).exec();
    const skipped = {} as SkippedCounts;
    for (const reason of SKIP_REASONS) skipped[reason] = await this.recipients.countDocuments({ campaignId, outcome: 'skipped', reason }).exec();
    return { sent, skipped };
  }

  /** Recipients in member id order; `afterMemberId` is the last of the previous page. */
  async listRecipients(campaignId: string, filter: { outcome?: RecipientOutcome; reason?: SkipReason }, afterMemberId: string | null, limit: number): Promise<CampaignRecipient[]> {
    return this.recipients
      .find({ campaignId, ...(filter.outcome ? { outcome: filter.outcome } : {}), ...(filter.reason ? { reason: filter.reason } : {}), ...(afterMemberId !== null ? { memberId: { $gt: afterMemberId } } : {}) })
      .sort({ memberId: 1 })
      .limit(limit)
      .lean<CampaignRecipient[]>()
      .exec();
  }

  /** Every campaign decision about one member (right of access), oldest first. */
  async recipientsOf(memberId: string, limit: number): Promise<CampaignRecipient[]> {
    return this.recipients.find({ memberId }).sort({ decidedAt: 1 }).limit(limit).lean<CampaignRecipient[]>().exec();
  }
}
