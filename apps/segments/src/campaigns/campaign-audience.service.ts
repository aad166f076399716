import { Injectable } from '@nestjs/common';
import { AudienceRepository } from '../audience/audience.repository';
import { ProfilesRepository } from '../profiles/profiles.repository';
import type { AudienceFilter, Campaign } from './campaigns.schema';

/** Audience members resolved per page (one decision batch). */
export const AUDIENCE_PAGE = 500;

/**
 * Who a campaign is for, evaluated when it runs: the explicit list, or the members matching its
 * filters now (segment and stage from profiles, tier and store from the audience projection).
 */
@Injectable()
export class CampaignAudience {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly audience: AudienceRepository,
  ) {}

  /** The audience in pages of member ids. */
  async *pages(campaign: Pick<Campaign, 'audience' | 'audienceFilter'>): AsyncGenerator<string[]> {
    const f = campaign.audienceFilter;
    if (!f) {
      for (let i = 0; i < campaign.audience.length; i += AUDIENCE_PAGE) yield campaign.audience.slice(i, i + AUDIENCE_PAGE);
      return;
    }
    for (let after: string | null = null; ;) {
      const ids: string[] =
        f.segments || f.stages
          ? (await this.profiles.membersIn({ segments: f.segments, stages: f.stages }, after, AUDIENCE_PAGE)).map((p) => p._id)
          : await this.audience.idsMatching(f, after, AUDIENCE_PAGE);
      if (ids.length === 0) return;
      after = ids[ids.length - 1]!;
      const page = f.tiers || f.storeIds ? ids.filter(await this.inTierAndStore(f, ids)) : ids;
      if (page.length > 0) yield page;
    }
  }

  /** Whether one member matches a campaign's filters now (a triggered campaign narrowed by filters). */
  async matches(filter: AudienceFilter | null, memberId: string): Promise<boolean> {
    if (!filter) return true;
    if (filter.segments || filter.stages) {
      const p = await this.profiles.findProfile(memberId);
      if (!p) return false;
      if (filter.segments && !(p.segment && filter.segments.includes(p.segment))) return false;
      if (filter.stages && !(p.stage && filter.stages.includes(p.stage))) return false;
    }
    return !(filter.tiers || filter.storeIds) || (await this.inTierAndStore(filter, [memberId]))(memberId);
  }

  private async inTierAndStore(f: AudienceFilter, ids: string[]): Promise<(id: string) => boolean> {
    const ok = await this.audience.matching(ids, { tiers: f.tiers, storeIds: f.storeIds });
    return (id) => ok.has(id);
  }
}
