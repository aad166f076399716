import type { CampaignResponse, RecipientResponse } from './dto/campaign.dto';
import type { CampaignRecipient } from './campaigns.schema';
import type { CampaignSummary } from './campaigns.repository';

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function campaignView(c: CampaignSummary): CampaignResponse {
  const f = c.audienceFilter;
  return {
    campaignId: c._id,
    name: c.name,
    kind: c.kind,
    channel: c.channel,
    audienceSize: c.audienceSize,
    audienceFilter: f
      ? {
          ...(f.segments ? { segments: f.segments } : {}),
          ...(f.stages ? { stages: f.stages } : {}),
          ...(f.tiers ? { tiers: f.tiers } : {}),
          ...(f.storeIds ? { storeIds: f.storeIds } : {}),
        }
      : null,
    trigger: c.trigger ? { on: c.trigger.on, value: c.trigger.value } : null,
    action: c.action,
    controls: { ...c.controls, startsAt: iso(c.controls.startsAt), endsAt: iso(c.controls.endsAt) },
    budgetSpentPoints: c.budgetSpentPoints,
    status: c.status,
    createdAt: iso(c.createdAt)!,
    activatedAt: iso(c.activatedAt),
    dispatch: c.dispatch
      ? {
          startedAt: iso(c.dispatch.startedAt)!,
          completedAt: iso(c.dispatch.completedAt),
          sent: c.dispatch.sent,
          heldOut: c.dispatch.heldOut,
          skipped: { ...c.dispatch.skipped },
        }
      : null,
  };
}

export function recipientView(r: CampaignRecipient): RecipientResponse {
  return { memberId: r.memberId, outcome: r.outcome, reason: r.reason, occurrenceId: r.occurrenceId ?? null, decidedAt: iso(r.decidedAt)! };
}
