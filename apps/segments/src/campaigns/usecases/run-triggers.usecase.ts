import { Injectable } from '@nestjs/common';
import { CampaignAudience } from '../campaign-audience.service';
import { CampaignsRepository, type CampaignSummary } from '../campaigns.repository';
import type { TriggerType } from '../campaigns.schema';
import { TreatMembers } from './treat-members.usecase';

export interface TriggerOccurrence {
  on: TriggerType;
  /** The segment or stage (null for birthday). */
  value: string | null;
  memberId: string;
  /** The triggering event's id: one decision per (campaign, member, occurrence). */
  eventId: string;
  /** When it happened (data time: the schedule window is checked against it). */
  at: Date;
}

const inWindow = (c: CampaignSummary, at: Date) =>
  (!c.controls.startsAt || at >= new Date(c.controls.startsAt)) && (!c.controls.endsAt || at < new Date(c.controls.endsAt));

/**
 * A trigger fired for a member: every active campaign listening to it, within its schedule window
 * and whose filters the member matches now, decides the member once for this occurrence.
 */
@Injectable()
export class RunTriggers {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly audience: CampaignAudience,
    private readonly treat: TreatMembers,
  ) {}

  async fire(o: TriggerOccurrence): Promise<void> {
    for (const campaign of await this.repo.activeTriggered(o.on, o.value)) {
      if (!inWindow(campaign, o.at)) continue;
      if (!(await this.audience.matches(campaign.audienceFilter, o.memberId))) continue;
      await this.treat.decide(campaign, [o.memberId], { id: o.eventId });
    }
  }
}
