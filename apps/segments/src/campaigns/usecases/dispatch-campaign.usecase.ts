import { Injectable, Logger } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import { CampaignAudience } from '../campaign-audience.service';
import { CampaignsRepository } from '../campaigns.repository';
import { campaignView } from '../campaign-view';
import { CampaignErrors } from '../campaigns.errors';
import type { CampaignResponse } from '../dto/campaign.dto';
import { TreatMembers } from './treat-members.usecase';

/**
 * Dispatch a one-off campaign: every audience member (the explicit list, or the members matching
 * the filters now) is decided once by TreatMembers: treated, held out, or skipped with the reason.
 *
 * Once per (campaign, member), whatever happens: each decision is one recipient document keyed by
 * `<campaignId>:<memberId>`, inserted once together with its events (outbox). A dispatch that died
 * half-way is finished by the next one, which decides only the members not decided yet; a
 * dispatch of a dispatched campaign changes nothing; two racing dispatches collide on the key.
 */
@Injectable()
export class DispatchCampaign {
  private readonly logger = new Logger(DispatchCampaign.name);

  constructor(
    private readonly repo: CampaignsRepository,
    private readonly audience: CampaignAudience,
    private readonly treat: TreatMembers,
    private readonly clock: Clock,
  ) {}

  async execute(campaignId: string, actor: Actor): Promise<CampaignResponse> {
    const campaign = await this.repo.find(campaignId);
    if (!campaign) throw CampaignErrors.notFound(campaignId);
    if (campaign.trigger) throw CampaignErrors.isTriggered(campaignId);
    if (campaign.status !== 'dispatched') {
      await this.repo.markDispatching(campaignId, {
        startedAt: this.clock.now(),
        completedAt: null,
        by: { id: actor.id, role: actor.role },
        sent: 0,
        heldOut: 0,
        skipped: { no_consent: 0, unknown_member: 0, erased: 0, frequency_cap: 0, budget_exhausted: 0 },
      });
      for await (const page of this.audience.pages(campaign)) await this.treat.decide(campaign, page, null);
      const counts = await this.repo.countOutcomes(campaignId);
      const decided = counts.sent + counts.heldOut + Object.values(counts.skipped).reduce((a, b) => a + b, 0);
      await this.repo.markDispatched(campaignId, counts, this.clock.now(), campaign.audienceFilter ? decided : undefined);
      this.logger.log({ msg: 'campaign dispatched', campaignId, sent: counts.sent, heldOut: counts.heldOut, skipped: counts.skipped });
    }
    const done = await this.repo.findSummary(campaignId);
    if (!done) throw CampaignErrors.notFound(campaignId);
    return campaignView(done);
  }
}
