import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import { ConsentProjection } from '../../audience/consent-projection.service';
import { DAY_MS } from '../../profiles/features';
import { CampaignsRepository, type CampaignSummary } from '../campaigns.repository';
import { recipientId, type CampaignRecipient } from '../campaigns.schema';
import { treatmentDecision, type TreatmentDecision } from '../treatment-rules';

export const CAMPAIGN_COUPON_REASON = 'campaign_coupon';

/** The occurrence of a trigger: the triggering event (its id makes the decision once per occurrence). */
export interface Occurrence {
  id: string;
}

/**
 * Decide a batch of members for a campaign, once: consent now, holdout, frequency cap, then the
 * points budget (reserved atomically before the decisions are written, and given back for any
 * decision another instance had already written). Each decision is one recipient document keyed by
 * campaign, member and occurrence, inserted together with its events (outbox): a treated member
 * gets one campaign.message.requested.v1 and, for a points action, one campaign.points.granted.v1
 * that the points service credits once, or for a coupon action one coupon.grant.requested.v1 (its
 * grant id kept on the recipient) that the points service issues once.
 */
@Injectable()
export class TreatMembers {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly consent: ConsentProjection,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async decide(campaign: CampaignSummary, memberIds: readonly string[], occurrence: Occurrence | null): Promise<void> {
    const occurrenceId = occurrence?.id ?? null;
    const decided = await this.repo.decidedMembers(campaign._id, memberIds, occurrenceId);
    const todo = memberIds.filter((m) => !decided.has(m));
    if (todo.length === 0) return;
    const now = this.clock.now();
    const cap = campaign.controls.frequencyCap;
    const [contacts, recent] = await Promise.all([
      this.consent.decide(todo),
      cap ? this.repo.recentTreatments(todo, new Date(now.getTime() - cap.windowDays * DAY_MS)) : new Map<string, number>(),
    ]);
    const decisions = new Map<string, TreatmentDecision>(
      todo.map((memberId) => [
        memberId,
        treatmentDecision({
          campaignId: campaign._id,
          memberId,
          contact: contacts.get(memberId) ?? { contact: false, reason: 'unknown_member' },
          holdoutPercent: campaign.controls.holdoutPercent,
          cap,
          recentTreatments: recent.get(memberId) ?? 0,
        }),
      ]),
    );
    const points = campaign.action.type === 'points' ? campaign.action.points : 0;
    const budget = campaign.controls.budgetPoints;
    if (points > 0 && budget !== null) await this.applyBudget(campaign._id, budget, points, todo, decisions);

    const rows = todo.map((memberId) => this.row(campaign, memberId, occurrenceId, decisions.get(memberId)!, points, now));
    const duplicates = await this.repo.insertRecipients(rows);
    const refund = duplicates.filter((r) => r.outcome === 'sent').length * points;
    if (budget !== null) await this.repo.releaseBudget(campaign._id, refund);
  }

  /** Members to treat beyond what the budget holds are skipped as budget_exhausted. */
  private async applyBudget(campaignId: string, budget: number, points: number, order: string[], decisions: Map<string, TreatmentDecision>): Promise<void> {
    const toTreat = order.filter((m) => decisions.get(m)?.outcome === 'treat');
    if (toTreat.length === 0) return;
    const granted = await this.repo.reserveBudget(campaignId, budget, points, toTreat.length);
    for (const m of toTreat.slice(granted)) decisions.set(m, { outcome: 'skip', reason: 'budget_exhausted' });
  }

  private row(
    campaign: CampaignSummary,
    memberId: string,
    occurrenceId: string | null,
    decision: TreatmentDecision,
    points: number,
    now: Date,
  ): { recipient: CampaignRecipient; events: EventEnvelope[] } {
    const treated = decision.outcome === 'treat';
    const recipient: CampaignRecipient = {
      _id: recipientId(campaign._id, memberId, occurrenceId),
      campaignId: campaign._id,
      memberId,
      occurrenceId,
      outcome: treated ? 'sent' : decision.outcome === 'held_out' ? 'held_out' : 'skipped',
      reason: decision.outcome === 'skip' ? decision.reason : null,
      points: treated ? points : 0,
      couponGrantId: treated && campaign.action.type === 'coupon' ? `grt_${randomUUID()}` : null,
      decidedAt: now,
    };
    if (!treated) return { recipient, events: [] };
    const at = now.toISOString();
    const events: EventEnvelope[] = [
      this.events.create(
        'campaign.message.requested.v1',
        { campaignId: campaign._id, memberId, channel: campaign.channel, kind: campaign.kind, requestedAt: at },
        now,
      ),
    ];
    if (points > 0)
      events.push(
        this.events.create('campaign.points.granted.v1', { grantId: `grt_${randomUUID()}`, campaignId: campaign._id, memberId, points, grantedAt: at }, now),
      );
    if (campaign.action.type === 'coupon' && recipient.couponGrantId) {
      const grant = {
        grantId: recipient.couponGrantId,
        memberId,
        rewardId: campaign.action.rewardId,
        source: 'segments' as const,
        reasonCode: CAMPAIGN_COUPON_REASON,
        sourceRef: campaign._id,
        requestedAt: at,
      };
      events.push(this.events.create('coupon.grant.requested.v1', grant, now));
    }
    return { recipient, events };
  }
}
