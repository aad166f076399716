import type { CampaignResponse, RecipientResponse } from './dto/campaign.dto';
import type { CampaignRecipient } from './campaigns.schema';
import type { CampaignSummary } from './campaigns.repository';

export function campaignView(c: CampaignSummary): CampaignResponse {
  return {
    campaignId: c._id,
    name: c.name,
    kind: c.kind,
    channel: c.channel,
    audienceSize: c.audienceSize,
    status: c.status,
    createdAt: new Date(c.createdAt).toISOString(),
    dispatch: c.dispatch
      ? {
          startedAt: new Date(c.dispatch.startedAt).toISOString(),
          completedAt: c.dispatch.completedAt ? new Date(c.dispatch.completedAt).toISOString() : null,
          sent: c.dispatch.sent,
          skipped: { ...c.dispatch.skipped },
        }
      : null,
  };
}

export function recipientView(r: CampaignRecipient): RecipientResponse {
  return { memberId: r.memberId, outcome: r.outcome, reason: r.reason, decidedAt: new Date(r.decidedAt).toISOString() };
}
