import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, PurchaseRecordedV1, PurchaseReturnedV1, TierChangeReason } from '@app/contracts';
import { Clock, EventFactory } from '@app/common';
import type { MemberTierState, TierHistoryEntry } from '../members/member.schema';
import { MemberTierRepository } from './member-tier.repository';
import { QualifyingSpendRepository } from './qualifying-spend.repository';
import { TierProgrammeService, type TierProgramme } from './tier-programme.service';
import { qualificationWindow, reviewDateFrom, returnAdjustmentTarget, tierByCode, upgradeTarget, type TierDefinition } from './tier-rules';

/**
 * Qualifying spend from the points service's purchase events, and the upgrades (and return
 * adjustments) it causes. Idempotent: a spend row per purchase/return id, totals always re-summed.
 */
@Injectable()
export class TierQualificationService {
  private readonly logger = new Logger(TierQualificationService.name);

  constructor(
    private readonly spend: QualifyingSpendRepository,
    private readonly memberTiers: MemberTierRepository,
    private readonly programme: TierProgrammeService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async recordPurchase(event: EventEnvelope<PurchaseRecordedV1>): Promise<void> {
    const p = event.payload;
    if (!p.memberId) return;
    const programme = await this.programme.current();
    if (p.currency !== programme.currency) {
      this.logger.warn({ msg: 'purchase in another currency does not qualify', purchaseId: p.purchaseId, currency: p.currency });
      return;
    }
    await this.spend.insertOnce({
      _id: `purchase:${p.purchaseId}`, memberId: p.memberId, kind: 'purchase', purchaseId: p.purchaseId, amountMinor: p.amountMinor,
      currency: p.currency, countsAt: new Date(p.occurredAt), eventId: event.id, recordedAt: this.clock.now(),
    });
    // Evaluate even when the row already existed: a crash between insert and evaluation converges here.
    await this.evaluate(p.memberId, programme, 'purchase');
  }

  async recordReturn(event: EventEnvelope<PurchaseReturnedV1>): Promise<void> {
    const r = event.payload;
    if (!r.memberId) return;
    const programme = await this.programme.current();
    if (r.currency !== programme.currency) return;
    const original = await this.spend.findPurchase(r.purchaseId);
    await this.spend.insertOnce({
      _id: `return:${r.returnId}`, memberId: r.memberId, kind: 'return', purchaseId: r.purchaseId, amountMinor: -r.amountMinor,
      currency: r.currency, countsAt: original?.countsAt ?? new Date(r.occurredAt), eventId: event.id, recordedAt: this.clock.now(),
    });
    await this.evaluate(r.memberId, programme, 'return');
  }

  /** Re-sum the member's qualifying spend; upgrade at once, or take back a tier a return no longer supports. */
  async evaluate(memberId: string, programme: TierProgramme, trigger: 'purchase' | 'return'): Promise<void> {
    const now = this.clock.now();
    const member = await this.memberTiers.find(memberId);
    if (!member || member.status !== 'active') return;
    const window = qualificationWindow(programme.qualification, now);
    const spendMinor = await this.spend.sumForMember(memberId, window.from, window.to);
    const current = member.tier;
    const upgrade = upgradeTarget(programme.tiers, current.code, spendMinor);
    if (upgrade) {
      // Reaching a tier by spend beats (and ends) a staff override below it.
      const tier: MemberTierState = { code: upgrade.code, since: now, reviewDate: reviewDateFrom(programme.qualification, now), floorCode: current.floorCode, override: null };
      await this.change(memberId, current.code, tier, upgrade, 'qualified', spendMinor, now);
      return;
    }
    if (trigger === 'return' && !current.override) {
      const down = returnAdjustmentTarget(programme.tiers, current.code, current.floorCode, spendMinor);
      if (down) {
        await this.change(memberId, current.code, { ...current, code: down.code, since: now }, down, 'return_adjustment', spendMinor, now);
        return;
      }
    }
    await this.memberTiers.recordSpend(memberId, spendMinor, now);
  }

  private async change(memberId: string, from: string, tier: MemberTierState, to: TierDefinition, reason: TierChangeReason, spendMinor: number, now: Date): Promise<void> {
    const history: TierHistoryEntry = { from, to: to.code, reason, at: now, by: 'system' };
    const event = this.events.create('member.tier.changed.v1', {
      memberId, fromTier: from, toTier: to.code, reason, earnMultiplierPercent: to.benefits.earnMultiplierPercent, changedAt: now.toISOString(),
    });
    const changed = await this.memberTiers.changeTier(memberId, from, tier, history, { qualifyingSpendMinor: spendMinor, lastActivityAt: now }, [event]);
    // Someone else changed the tier meanwhile: the failure makes the consumer retry and re-evaluate.
    if (!changed) throw new Error(`tier of member changed concurrently; re-evaluating`);
  }

  static describe(programme: TierProgramme, code: string): TierDefinition {
    return tierByCode(programme.tiers, code) ?? programme.tiers[0];
  }
}
