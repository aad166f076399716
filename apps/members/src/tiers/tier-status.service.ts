import { Injectable } from '@nestjs/common';
import { MembersErrors } from '../members/members.errors';
import { Clock } from '@app/common';
import type { TierHistoryResponse, TierStatusResponse } from './dto/tier-status.dto';
import { MemberTierRepository } from './member-tier.repository';
import { TierProgrammeService } from './tier-programme.service';
import { TierQualificationService } from './tier-qualification.service';
import { progressToNext, qualificationWindow, reviewDateFrom, tierByCode } from './tier-rules';

/** What a member sees about their membership: tier, benefits, progress to the next tier. */
@Injectable()
export class TierStatusService {
  constructor(
    private readonly memberTiers: MemberTierRepository,
    private readonly qualification: TierQualificationService,
    private readonly programme: TierProgrammeService,
    private readonly clock: Clock,
  ) {}

  async status(memberId: string): Promise<TierStatusResponse> {
    const member = await this.memberTiers.find(memberId);
    if (!member || member.status !== 'active') throw MembersErrors.notFound();
    const programme = await this.programme.current();
    const now = this.clock.now();
    const window = qualificationWindow(programme.qualification, now);
    const spendMinor = await this.qualification.spendInWindow(member, window);
    const tier = tierByCode(programme.tiers, member.tier.code) ?? programme.tiers[0];
    const next = progressToNext(programme.tiers, tier.code, spendMinor);
    // Spend counts toward the next tier within the current window: until the review date (rolling) or year end.
    const deadline = programme.qualification === 'calendar_year' ? reviewDateFrom('calendar_year', now) : member.tier.reviewDate;
    return {
      memberId,
      tier: { code: tier.code, name: tier.name, benefits: tier.benefits },
      nextTier: next
        ? {
            code: next.tier.code,
            name: next.tier.name,
            remainingMinor: next.remainingMinor,
            currency: programme.currency,
            deadline: new Date(deadline).toISOString(),
          }
        : null,
      reviewDate: new Date(member.tier.reviewDate).toISOString(),
      qualifyingSpendMinor: spendMinor,
      ...(member.tier.override ? { overrideExpiresAt: new Date(member.tier.override.expiresAt).toISOString() } : {}),
    };
  }

  async history(memberId: string): Promise<TierHistoryResponse> {
    const member = await this.memberTiers.find(memberId);
    if (!member) throw MembersErrors.notFound();
    return {
      memberId,
      items: (member.tierHistory ?? []).map((h) => ({
        from: h.from,
        to: h.to,
        reason: h.reason,
        at: new Date(h.at).toISOString(),
        by: h.by,
        ...(h.note ? { note: h.note } : {}),
      })),
    };
  }
}
