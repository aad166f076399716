import { Injectable } from '@nestjs/common';
import { DAY_MS } from '../profiles/features';
import { ProfilesRepository } from '../profiles/profiles.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignErrors } from './campaigns.errors';
import type { CampaignResultsResponse } from './dto/campaign.dto';
import { uplift } from './treatment-rules';

/** Results are computed over at most this many treated and held-out decisions. */
const RESULTS_LIMIT = 100_000;
/** Members whose purchases are read per query. */
const CHUNK = 1000;

/**
 * What a campaign did: decisions by outcome and reason, and conversion (a purchase within
 * conversionDays after the decision) of the treated against the held-out group, whose difference
 * is the uplift.
 */
@Injectable()
export class CampaignResults {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly profiles: ProfilesRepository,
  ) {}

  async of(campaignId: string): Promise<CampaignResultsResponse> {
    const campaign = await this.repo.findSummary(campaignId);
    if (!campaign) throw CampaignErrors.notFound(campaignId);
    const [counts, decisions] = await Promise.all([this.repo.countOutcomes(campaignId), this.repo.comparedDecisions(campaignId, RESULTS_LIMIT)]);
    const window = campaign.controls.conversionDays * DAY_MS;
    const purchases = new Map<string, number[]>();
    const since = decisions.length ? new Date(decisions[0].decidedAt) : new Date(0);
    const members = [...new Set(decisions.map((d) => d.memberId))];
    for (let i = 0; i < members.length; i += CHUNK) {
      for (const p of await this.profiles.purchasesOf(members.slice(i, i + CHUNK), since)) {
        const list = purchases.get(p.memberId) ?? [];
        list.push(new Date(p.occurredAt).getTime());
        purchases.set(p.memberId, list);
      }
    }
    const groups = { treated: { members: 0, converted: 0 }, heldOut: { members: 0, converted: 0 } };
    let pointsGranted = 0;
    let couponsIssued = 0;
    for (const d of decisions) {
      const g = d.outcome === 'sent' ? groups.treated : groups.heldOut;
      const from = new Date(d.decidedAt).getTime();
      g.members++;
      if ((purchases.get(d.memberId) ?? []).some((t) => t > from && t <= from + window)) g.converted++;
      if (d.outcome === 'sent') pointsGranted += d.points ?? 0;
      if (d.couponOutcome === 'issued') couponsIssued++;
    }
    const rates = uplift(groups.treated, groups.heldOut);
    return {
      campaignId,
      triggered: counts.sent + counts.heldOut + Object.values(counts.skipped).reduce((a, b) => a + b, 0),
      treated: { ...groups.treated, rate: rates.treatedRate },
      heldOut: { ...groups.heldOut, rate: rates.heldOutRate },
      skipped: counts.skipped,
      conversionDays: campaign.controls.conversionDays,
      uplift: rates.uplift,
      pointsGranted,
      budgetPoints: campaign.controls.budgetPoints,
      budgetSpentPoints: campaign.budgetSpentPoints,
      couponsIssued,
      limit: RESULTS_LIMIT,
    };
  }
}
