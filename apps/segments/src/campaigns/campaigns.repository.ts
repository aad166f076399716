import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { insertOnce, isDuplicateKeyError, withEvents } from '@app/common';
import { CAMPAIGN_SKIP_REASONS, type CampaignSkipReason } from './treatment-rules';
import {
  CAMPAIGN_MODEL,
  CAMPAIGN_RECIPIENT_MODEL,
  recipientId,
  type Campaign,
  type CampaignDispatch,
  type CampaignRecipient,
  type RecipientOutcome,
  type SkippedCounts,
  type TriggerType,
  withDefaults,
} from './campaigns.schema';

/** Read-modify-write attempts of a budget reservation before giving up (the caller retries the decision). */
const MAX_BUDGET_ATTEMPTS = 20;

/** A campaign without its audience list (lists and views need the size only). */
export type CampaignSummary = Omit<Campaign, 'audience'>;

type WriteError = { code?: unknown; index?: unknown; err?: { code?: unknown; index?: unknown } };

/**
 * The positions of an unordered bulk insert that failed as duplicate keys (already decided); null
 * when some error was anything else.
 */
function duplicatePositions(err: unknown, size: number): number[] | null {
  const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return isDuplicateKeyError(err) && size === 1 ? [0] : null;
  const errors = writeErrors as WriteError[];
  if (!errors.every((w) => (w.code ?? w.err?.code) === 11000)) return null;
  return errors.map((w) => Number(w.index ?? w.err?.index));
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
    const c = await this.campaigns.findById(campaignId).lean<Campaign>().exec();
    return c ? withDefaults(c) : null;
  }

  async findSummary(campaignId: string): Promise<CampaignSummary | null> {
    const c = await this.campaigns.findById(campaignId).select({ audience: 0 }).lean<CampaignSummary>().exec();
    return c ? withDefaults(c) : null;
  }

  /** Newest first; `after` is the last campaign of the previous page. */
  async list(after: { createdAt: Date; id: string } | null, limit: number): Promise<CampaignSummary[]> {
    const filter = after ? { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] } : {};
    // The audience can hold 10,000 ids: lists carry its size, not the list.
    const rows = await this.campaigns.find(filter).select({ audience: 0 }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<CampaignSummary[]>().exec();
    return rows.map((c) => withDefaults(c));
  }

  /** draft -> dispatching, recording who started it and when; false if a dispatch had started already. */
  async markDispatching(campaignId: string, dispatch: CampaignDispatch): Promise<boolean> {
    const res = await this.campaigns.updateOne({ _id: campaignId, status: 'draft' }, { $set: { status: 'dispatching', dispatch } }).exec();
    return res.matchedCount === 1;
  }

  /** -> dispatched with the outcome counted from the recipients (no effect once dispatched); `audienceSize` for an audience by filters. */
  async markDispatched(
    campaignId: string,
    counts: { sent: number; heldOut: number; skipped: SkippedCounts },
    completedAt: Date,
    audienceSize?: number,
  ): Promise<void> {
    await this.campaigns
      .updateOne(
        { _id: campaignId, status: 'dispatching' },
        {
          $set: {
            status: 'dispatched',
            'dispatch.completedAt': completedAt,
            'dispatch.sent': counts.sent,
            'dispatch.heldOut': counts.heldOut,
            'dispatch.skipped': counts.skipped,
            ...(audienceSize !== undefined ? { audienceSize } : {}),
          },
        },
      )
      .exec();
  }

  /** draft -> active (a triggered campaign starts listening); no effect otherwise. */
  async markActive(campaignId: string, at: Date): Promise<void> {
    await this.campaigns.updateOne({ _id: campaignId, status: 'draft', trigger: { $ne: null } }, { $set: { status: 'active', activatedAt: at } }).exec();
  }

  /** Active campaigns listening to this trigger. */
  async activeTriggered(on: TriggerType, value: string | null): Promise<CampaignSummary[]> {
    const rows = await this.campaigns
      .find({ status: 'active', 'trigger.on': on, 'trigger.value': value })
      .select({ audience: 0 })
      .lean<CampaignSummary[]>()
      .exec();
    return rows.map((c) => withDefaults(c));
  }

  /**
   * Reserve points for up to `wanted` treatments of `points` each without ever passing the budget:
   * a compare-and-set on the amount reserved, so racing decisions cannot overspend. Returns how
   * many treatments were reserved (0: budget spent).
   */
  async reserveBudget(campaignId: string, budget: number, points: number, wanted: number): Promise<number> {
    for (let attempt = 0; attempt < MAX_BUDGET_ATTEMPTS; attempt++) {
      const current = await this.campaigns.findById(campaignId).select({ budgetSpentPoints: 1 }).lean<{ budgetSpentPoints?: number }>().exec();
      const spent = current?.budgetSpentPoints ?? 0;
      const n = Math.min(wanted, Math.floor((budget - spent) / points));
      if (n <= 0) return 0;
      const res = await this.campaigns.updateOne({ _id: campaignId, budgetSpentPoints: spent }, { $inc: { budgetSpentPoints: n * points } }).exec();
      if (res.matchedCount === 1) return n;
    }
    throw new Error(`budget of campaign ${campaignId} kept changing concurrently; the decision will be retried`);
  }

  /** Record points' answer to a treated member's coupon grant, once (only an unanswered grant moves). */
  async recordCouponOutcome(campaignId: string, memberId: string, grantId: string, outcome: string): Promise<void> {
    await this.recipients.updateOne({ campaignId, memberId, couponGrantId: grantId, couponOutcome: null }, { $set: { couponOutcome: outcome } }).exec();
  }

  /** Give back points reserved for treatments that another decision had already made. */
  async releaseBudget(campaignId: string, points: number): Promise<void> {
    if (points > 0) await this.campaigns.updateOne({ _id: campaignId }, { $inc: { budgetSpentPoints: -points } }).exec();
  }

  /** Treatments (`sent`) of each member across all campaigns since a moment (frequency cap). */
  async recentTreatments(memberIds: readonly string[], since: Date): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.recipients
      .aggregate<{ _id: string; n: number }>([
        { $match: { memberId: { $in: memberIds }, outcome: 'sent', decidedAt: { $gt: since } } },
        { $group: { _id: '$memberId', n: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /** Which of these members the campaign has already decided (for this trigger occurrence). */
  async decidedMembers(campaignId: string, memberIds: readonly string[], occurrenceId: string | null = null): Promise<Set<string>> {
    const rows = await this.recipients
      .find({ _id: { $in: memberIds.map((m) => recipientId(campaignId, m, occurrenceId)) } })
      .select({ memberId: 1 })
      .lean<Array<{ memberId: string }>>()
      .exec();
    return new Set(rows.map((r) => r.memberId));
  }

  /**
   * Insert recipients, each with its events (a `sent` one carries its message request and points
   * grant). A recipient that exists already (a racing dispatch or a redelivered trigger decided it
   * first) is left as it is, and so are its events: one treatment per (campaign, member,
   * occurrence), whatever happens. Returns the recipients that were NOT inserted for that reason.
   */
  async insertRecipients(rows: Array<{ recipient: CampaignRecipient; events: EventEnvelope[] }>): Promise<CampaignRecipient[]> {
    if (rows.length === 0) return [];
    try {
      await this.recipients.insertMany(
        rows.map((r) => withEvents(r.recipient, r.events)),
        { ordered: false },
      );
      return [];
    } catch (err) {
      // The ones inserted keep their events; the outbox relay's periodic scan publishes them.
      const duplicates = duplicatePositions(err, rows.length);
      if (!duplicates) throw err;
      return duplicates.map((i) => rows[i]?.recipient).filter((r): r is CampaignRecipient => r !== undefined);
    }
  }

  async countOutcomes(campaignId: string): Promise<{ sent: number; heldOut: number; skipped: SkippedCounts }> {
    const rows = await this.recipients
      .aggregate<{ _id: { outcome: RecipientOutcome; reason: CampaignSkipReason | null }; n: number }>([
        { $match: { campaignId } },
        { $group: { _id: { outcome: '$outcome', reason: '$reason' }, n: { $sum: 1 } } },
      ])
      .exec();
    const count = (outcome: RecipientOutcome, reason: CampaignSkipReason | null = null) =>
      rows.filter((r) => r._id.outcome === outcome && (reason === null || r._id.reason === reason)).reduce((n, r) => n + r.n, 0);
    const skipped = Object.fromEntries(CAMPAIGN_SKIP_REASONS.map((reason) => [reason, count('skipped', reason)])) as SkippedCounts;
    return { sent: count('sent'), heldOut: count('held_out'), skipped };
  }

  /** Treated and held-out decisions (results), oldest first, at most `limit`. */
  async comparedDecisions(
    campaignId: string,
    limit: number,
  ): Promise<Array<Pick<CampaignRecipient, 'memberId' | 'outcome' | 'decidedAt' | 'points' | 'couponOutcome'>>> {
    return this.recipients
      .find({ campaignId, outcome: { $in: ['sent', 'held_out'] } })
      .select({ memberId: 1, outcome: 1, decidedAt: 1, points: 1, couponOutcome: 1 })
      .sort({ decidedAt: 1 })
      .limit(limit)
      .lean<Array<Pick<CampaignRecipient, 'memberId' | 'outcome' | 'decidedAt' | 'points' | 'couponOutcome'>>>()
      .exec();
  }

  /** Recipients in member id order (then occurrence); `afterId` is the recipient id ending the previous page. */
  async listRecipients(
    campaignId: string,
    filter: { outcome?: RecipientOutcome; reason?: CampaignSkipReason },
    afterId: string | null,
    limit: number,
  ): Promise<CampaignRecipient[]> {
    return this.recipients
      .find({
        campaignId,
        ...(filter.outcome ? { outcome: filter.outcome } : {}),
        ...(filter.reason ? { reason: filter.reason } : {}),
        ...(afterId !== null ? { _id: { $gt: afterId } } : {}),
      })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<CampaignRecipient[]>()
      .exec();
  }

  /** Every campaign decision about one member (right of access), oldest first. */
  async recipientsOf(memberId: string, limit: number): Promise<CampaignRecipient[]> {
    return this.recipients.find({ memberId }).sort({ decidedAt: 1 }).limit(limit).lean<CampaignRecipient[]>().exec();
  }
}
