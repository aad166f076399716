import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventFactory, NotFoundError, type Actor } from '@app/common';
import { ConsentProjection } from '../../audience/consent-projection.service';
import { CampaignsRepository } from '../campaigns.repository';
import { recipientId, type Campaign, type CampaignRecipient } from '../campaigns.schema';
import { campaignView } from '../campaign-view';
import type { CampaignResponse } from '../dto/campaign.dto';

/** Audience members decided per round trip (one read of decisions, one of consents, one insert). */
const BATCH = 500;

/**
 * Dispatch a campaign: for each audience member, check marketing consent at this moment; a member
 * with consent gets one campaign.message.requested.v1, everyone else is skipped with the reason.
 *
 * Once per (campaign, member), whatever happens: each decision is one recipient document keyed by
 * `<campaignId>:<memberId>`, inserted once together with its event (outbox). A dispatch that died
 * half-way is finished by the next one, which decides only the members not decided yet; a
 * dispatch of a dispatched campaign changes nothing; two racing dispatches collide on the key.
 */
@Injectable()
export class DispatchCampaign {
  private readonly logger = new Logger(DispatchCampaign.name);

  constructor(
    private readonly repo: CampaignsRepository,
    private readonly consent: ConsentProjection,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(campaignId: string, actor: Actor): Promise<CampaignResponse> {
    const campaign = await this.repo.find(campaignId);
    if (!campaign) throw new NotFoundError('CAMPAIGN.NOT_FOUND', 'No such campaign', { campaignId });
    if (campaign.status !== 'dispatched') {
      await this.repo.markDispatching(campaignId, {
        startedAt: this.clock.now(),
        completedAt: null,
        by: { id: actor.id, role: actor.role },
        sent: 0,
        skipped: { no_consent: 0, unknown_member: 0, erased: 0 },
      });
      for (let i = 0; i < campaign.audience.length; i += BATCH) await this.decideBatch(campaign, campaign.audience.slice(i, i + BATCH));
      const counts = await this.repo.countOutcomes(campaignId);
      await this.repo.markDispatched(campaignId, counts, this.clock.now());
      this.logger.log({ msg: 'campaign dispatched', campaignId, sent: counts.sent, skipped: counts.skipped });
    }
    const done = await this.repo.findSummary(campaignId);
    if (!done) throw new NotFoundError('CAMPAIGN.NOT_FOUND', 'No such campaign', { campaignId });
    return campaignView(done);
  }

  private async decideBatch(campaign: Campaign, memberIds: string[]): Promise<void> {
    const decided = await this.repo.decidedMembers(campaign._id, memberIds);
    const todo = memberIds.filter((m) => !decided.has(m));
    if (todo.length === 0) return;
    const decisions = await this.consent.decide(todo);
    const now = this.clock.now();
    const rows = todo.map((memberId) => {
      const decision = decisions.get(memberId) ?? { contact: false as const, reason: 'unknown_member' as const };
      const recipient: CampaignRecipient = {
        _id: recipientId(campaign._id, memberId),
        campaignId: campaign._id,
        memberId,
        outcome: decision.contact ? 'sent' : 'skipped',
        reason: decision.contact ? null : decision.reason,
        decidedAt: now,
      };
      const events = decision.contact
        ? [this.events.create('campaign.message.requested.v1', { campaignId: campaign._id, memberId, channel: campaign.channel, kind: campaign.kind, requestedAt: now.toISOString() }, now)]
        : [];
      return { recipient, events };
    });
    await this.repo.insertRecipients(rows);
  }
}
