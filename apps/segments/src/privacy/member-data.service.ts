import { Injectable } from '@nestjs/common';
import { AudienceRepository } from '../audience/audience.repository';
import { CampaignsRepository } from '../campaigns/campaigns.repository';

/** The most campaign decisions an export carries; a member past it is told so (`truncated`). */
const EXPORT_LIMIT = 50_000;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/**
 * Everything segments holds about one member, for the right of access: the marketing-consent
 * projection it decides audiences by, and every campaign decision (sent or skipped, and why).
 */
@Injectable()
export class MemberDataService {
  constructor(
    private readonly audience: AudienceRepository,
    private readonly campaigns: CampaignsRepository,
  ) {}

  async export(memberId: string): Promise<{ service: 'segments'; data: Record<string, unknown> }> {
    const [projection, recipients] = await Promise.all([this.audience.find(memberId), this.campaigns.recipientsOf(memberId, EXPORT_LIMIT)]);
    return {
      service: 'segments',
      data: {
        consentProjection: projection
          ? { marketingGranted: projection.marketingGranted, marketingChangedAt: iso(projection.marketingChangedAt), enrolledAt: iso(projection.enrolledAt) }
          : null,
        campaignDecisions: recipients.map((r) => ({ campaignId: r.campaignId, outcome: r.outcome, reason: r.reason, decidedAt: iso(r.decidedAt) })),
        truncated: recipients.length >= EXPORT_LIMIT,
      },
    };
  }
}
