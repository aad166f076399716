import { Injectable } from '@nestjs/common';
import { AudienceRepository } from '../audience/audience.repository';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { ProfilesRepository } from '../profiles/profiles.repository';
import { featuresView } from '../profiles/profiles.service';

/** The most campaign decisions an export carries; a member past it is told so (`truncated`). */
const EXPORT_LIMIT = 50_000;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/**
 * Everything segments holds about one member, for the right of access: the consent projection it
 * decides audiences and profiling by, the profile (features, RFM scores, segment, stage, moves),
 * the purchases and refunds it keeps (ids, amounts, times), and every campaign decision (treated,
 * held out or skipped, and why).
 */
@Injectable()
export class MemberDataService {
  constructor(
    private readonly audience: AudienceRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly profiles: ProfilesRepository,
  ) {}

  async export(memberId: string): Promise<{ service: 'segments'; data: Record<string, unknown> }> {
    const [projection, recipients, profile, facts] = await Promise.all([
      this.audience.find(memberId),
      this.campaigns.recipientsOf(memberId, EXPORT_LIMIT),
      this.profiles.findProfile(memberId),
      this.profiles.factsOf([memberId]),
    ]);
    const held = facts.get(memberId) ?? { purchases: [], returns: [] };
    return {
      service: 'segments',
      data: {
        consentProjection: projection
          ? {
              marketingGranted: projection.marketingGranted,
              marketingChangedAt: iso(projection.marketingChangedAt),
              analyticsGranted: projection.analyticsGranted ?? false,
              analyticsChangedAt: iso(projection.analyticsChangedAt),
              enrolledAt: iso(projection.enrolledAt),
              tier: projection.tier ?? null,
              preferredStoreId: projection.preferredStoreId ?? null,
            }
          : null,
        profile: profile
          ? {
              profiled: profile.profiled,
              features: featuresView(profile.features),
              scores: profile.scores,
              segment: profile.segment,
              stage: profile.stage,
              stageSince: iso(profile.stageSince),
              evaluatedAt: iso(profile.evaluatedAt),
              moves: profile.moves.map((m) => ({ at: iso(m.at), kind: m.kind, from: m.from, to: m.to })),
            }
          : null,
        purchases: held.purchases.map((f) => ({ purchaseId: f._id, occurredAt: iso(f.occurredAt), amountMinor: f.amountMinor, currency: f.currency })),
        refunds: held.returns.map((f) => ({
          returnId: f._id,
          purchaseId: f.purchaseId,
          occurredAt: iso(f.occurredAt),
          amountMinor: f.amountMinor,
          currency: f.currency,
        })),
        campaignDecisions: recipients.map((r) => ({
          campaignId: r.campaignId,
          outcome: r.outcome,
          reason: r.reason,
          occurrenceId: r.occurrenceId ?? null,
          points: r.points ?? 0,
          decidedAt: iso(r.decidedAt),
        })),
        truncated: recipients.length >= EXPORT_LIMIT,
      },
    };
  }
}
