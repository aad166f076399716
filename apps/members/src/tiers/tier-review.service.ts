import { Injectable, Logger } from '@nestjs/common';
import { TiersErrors } from './tiers.errors';
import { MembersErrors } from '../members/members.errors';
import type { TierChangeReason } from '@app/contracts';
import { Clock, EventFactory, type Actor } from '@app/common';
import type { MemberTierState, TierHistoryEntry } from '../members/member.schema';
import { MemberTierRepository, type MemberTierView } from './member-tier.repository';
import { QualifyingSpendRepository } from './qualifying-spend.repository';
import { TierProgrammeService, type TierProgramme } from './tier-programme.service';
import { TierQualificationService } from './tier-qualification.service';
import { addDays, addMonthsUtc, qualificationWindow, qualifiedTier, rankOf, reviewDecision, tierByCode, type TierDefinition } from './tier-rules';

const BATCH = 200;

/** Periodic reviews (downgrades one tier at a time after grace), staff overrides and their expiry. */
@Injectable()
export class TierReviewService {
  private readonly logger = new Logger(TierReviewService.name);

  constructor(
    private readonly memberTiers: MemberTierRepository,
    private readonly spend: QualifyingSpendRepository,
    private readonly qualification: TierQualificationService,
    private readonly programme: TierProgrammeService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  /** Review every member whose review date plus grace has passed. Safe to run repeatedly. */
  async runReview(): Promise<Record<'reviewed' | 'downgraded' | 'kept' | 'failed' | 'overridesExpired', number>> {
    const programme = await this.programme.current();
    const now = this.clock.now();
    const counts = { reviewed: 0, downgraded: 0, kept: 0, failed: 0, overridesExpired: await this.expireOverrides(programme, now) };
    const cutoff = addDays(now, -programme.graceDays);
    const seen = new Set<string>();
    for (;;) {
      const due = (await this.memberTiers.dueForReview(cutoff, BATCH)).filter((m) => !seen.has(m._id));
      if (due.length === 0) break;
      for (const member of due) {
        seen.add(member._id);
        counts.reviewed += 1;
        try {
          counts[await this.reviewOne(member, programme, now)] += 1;
        } catch (err) {
          // One member's conflict must not stop the others; the next run picks it up again.
          counts.failed += 1;
          this.logger.warn({ msg: 'tier review of one member failed', memberId: member._id, error: String(err) });
        }
      }
    }
    if (counts.reviewed || counts.overridesExpired) this.logger.log({ msg: 'tier review done', ...counts });
    return counts;
  }

  private async reviewOne(member: MemberTierView, programme: TierProgramme, now: Date): Promise<'downgraded' | 'kept'> {
    const { tier } = member;
    // The period that just closed (after the instant the tier was reached: the spend that earned it
    // does not count twice; summed from the rows, to the millisecond, as this runs once a period),
    // or the current window if the member re-qualified during grace.
    const closed = await this.spend.sumForMember(member._id, addMonthsUtc(tier.reviewDate, -12), tier.reviewDate, { fromExclusive: true });
    const current = await this.qualification.spendInWindow(member, qualificationWindow(programme.qualification, now));
    const decision = reviewDecision({
      tiers: programme.tiers,
      currentCode: tier.code,
      spendMinor: Math.max(closed, current),
      reviewDate: tier.reviewDate,
      now,
      graceDays: programme.graceDays,
      mode: programme.qualification,
    });
    if (decision.kind === 'downgrade') {
      const next: MemberTierState = { code: decision.to.code, since: now, reviewDate: decision.nextReviewDate, floorCode: decision.to.code, override: null };
      await this.change(member._id, tier.code, next, decision.to, 'review_downgrade', 'system', now, undefined, current);
      return 'downgraded';
    }
    if (decision.kind === 'keep') await this.memberTiers.startNewPeriod(member._id, tier.reviewDate, decision.nextReviewDate, tier.code);
    return 'kept';
  }

  /** Staff override: a tier until a date, with a reason; audited in the tier history. */
  async override(memberId: string, input: { tierCode: string; reason: string; expiresAt: string }, actor: Actor): Promise<void> {
    const programme = await this.programme.current();
    const target = tierByCode(programme.tiers, input.tierCode);
    if (!target)
      throw TiersErrors.unknownTier(
        input.tierCode,
        programme.tiers.map((t) => t.code),
      );
    const now = this.clock.now();
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) throw TiersErrors.overrideExpiryPast();
    const member = await this.memberTiers.find(memberId);
    if (!member || member.status !== 'active') throw MembersErrors.notFound();
    const next: MemberTierState = {
      ...member.tier,
      code: target.code,
      since: now,
      override: { code: target.code, reason: input.reason, expiresAt, by: actor.id, at: now },
    };
    await this.change(memberId, member.tier.code, next, target, 'staff_override', actor.id, now, input.reason);
  }

  /** When an override ends, the member gets the tier their spend supports, but not below their floor. */
  private async expireOverrides(programme: TierProgramme, now: Date): Promise<number> {
    let n = 0;
    for (const member of await this.memberTiers.expiredOverrides(now, BATCH)) {
      const spendMinor = await this.qualification.spendInWindow(member, qualificationWindow(programme.qualification, now));
      const earned = qualifiedTier(programme.tiers, spendMinor);
      const floor = tierByCode(programme.tiers, member.tier.floorCode) ?? programme.tiers[0];
      const target = rankOf(programme.tiers, earned.code) >= rankOf(programme.tiers, floor.code) ? earned : floor;
      await this.change(
        member._id,
        member.tier.code,
        { ...member.tier, code: target.code, since: now, override: null },
        target,
        'override_expired',
        'system',
        now,
        undefined,
        spendMinor,
      );
      n += 1;
    }
    return n;
  }

  private async change(
    memberId: string,
    from: string,
    tier: MemberTierState,
    to: TierDefinition,
    reason: TierChangeReason,
    by: string,
    now: Date,
    note?: string,
    spendMinor?: number,
  ): Promise<void> {
    const history: TierHistoryEntry = { from, to: to.code, reason, at: now, by, ...(note ? { note } : {}) };
    const event = this.events.create('member.tier.changed.v1', {
      memberId,
      fromTier: from,
      toTier: to.code,
      reason,
      earnMultiplierPercent: to.benefits.earnMultiplierPercent,
      changedAt: now.toISOString(),
    });
    const ok = await this.memberTiers.changeTier(memberId, from, tier, history, spendMinor === undefined ? {} : { qualifyingSpendMinor: spendMinor }, [event]);
    if (!ok) throw TiersErrors.concurrentChange();
  }
}
