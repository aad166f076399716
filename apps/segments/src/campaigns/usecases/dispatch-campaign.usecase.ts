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
 * dispatch of a dispatched campaign changes nothing.
 *
 * Racing dispatches (a double click, two marketers) wait for the one that started first, up to
 * RUNNING_DISPATCH_WAIT_MS, rather than deciding the same members at the same time: otherwise a
 * racer that found the points budget reserved by the first could record its members as
 * `budget_exhausted` before the first recorded them as treated. Past the wait (the first dispatch
 * died), the waiting one finishes the work; decisions stay once per member either way.
 */
/** How long a dispatch waits for one already running on the same campaign (wall-clock time). */
export const RUNNING_DISPATCH_WAIT_MS = 30_000;
const POLL_MS = 100;

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
      const claimed = await this.repo.markDispatching(campaignId, {
        startedAt: this.clock.now(),
        completedAt: null,
        by: { id: actor.id, role: actor.role },
        sent: 0,
        heldOut: 0,
        skipped: { no_consent: 0, unknown_member: 0, erased: 0, frequency_cap: 0, budget_exhausted: 0 },
      });
      if (!claimed && (await this.otherDispatchFinished(campaignId))) return this.view(campaignId);
      for await (const page of this.audience.pages(campaign)) await this.treat.decide(campaign, page, null);
      const counts = await this.repo.countOutcomes(campaignId);
      const decided = counts.sent + counts.heldOut + Object.values(counts.skipped).reduce((a, b) => a + b, 0);
      await this.repo.markDispatched(campaignId, counts, this.clock.now(), campaign.audienceFilter ? decided : undefined);
      this.logger.log({ msg: 'campaign dispatched', campaignId, sent: counts.sent, heldOut: counts.heldOut, skipped: counts.skipped });
    }
    return this.view(campaignId);
  }

  /** Wait for the dispatch that started first; true once it has finished, false if it seems dead. */
  private async otherDispatchFinished(campaignId: string): Promise<boolean> {
    const deadline = Date.now() + RUNNING_DISPATCH_WAIT_MS;
    while (Date.now() < deadline) {
      if ((await this.repo.findSummary(campaignId))?.status === 'dispatched') return true;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return false;
  }

  private async view(campaignId: string): Promise<CampaignResponse> {
    const done = await this.repo.findSummary(campaignId);
    if (!done) throw CampaignErrors.notFound(campaignId);
    return campaignView(done);
  }
}
