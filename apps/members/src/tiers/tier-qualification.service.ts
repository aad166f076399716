import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, PurchaseRecordedV1, PurchaseReturnedV1, TierChangeReason } from '@app/contracts';
import { Clock, EventFactory } from '@app/common';
import type { MemberTierState, TierHistoryEntry } from '../members/member.schema';
import { MemberTierRepository, type MemberQualificationState, type MemberTierView } from './member-tier.repository';
import { QualifyingSpendRepository } from './qualifying-spend.repository';
import type { QualifyingSpendEntry } from './qualifying-spend.schema';
import { TierProgrammeService, type TierProgramme } from './tier-programme.service';
import {
  firstSpendDayKept,
  qualificationWindow,
  reviewDateFrom,
  returnAdjustmentTarget,
  spendDay,
  spendInWindow,
  tierByCode,
  upgradeTarget,
  type SpendByDay,
  type TierDefinition,
} from './tier-rules';

/** Keys in a member's apply-once guard list before their rows are marked settled and the list emptied. */
export const SETTLE_AFTER = 32;
const MAX_ATTEMPTS = 5;

/**
 * Qualifying spend from the points service's purchase events, and the upgrades (and return
 * adjustments) it causes.
 *
 * Each purchase or return is a spend row (audit trail, unique per purchase/return id) and is
 * counted once into per-day totals on the member document; the window total is summed from those
 * in memory, so an event costs the same however long the member's history. Without transactions
 * the two writes are made safe by an invariant: a row is counted iff its key is in the member's
 * `_spendApplied` list or the row is `settled`. Keys join the list in the same atomic update that
 * counts them; a settle marks rows before it removes their keys, and bumps `_spendSettles`, which
 * every count is conditional on (see count()). A redelivered event, a crash between any two
 * steps, or a replay of old events therefore counts each row exactly once.
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
    await this.count(
      {
        _id: `purchase:${p.purchaseId}`,
        memberId: p.memberId,
        kind: 'purchase',
        purchaseId: p.purchaseId,
        amountMinor: p.amountMinor,
        currency: p.currency,
        countsAt: new Date(p.occurredAt),
        eventId: event.id,
        recordedAt: this.clock.now(),
      },
      programme,
      'purchase',
    );
  }

  async recordReturn(event: EventEnvelope<PurchaseReturnedV1>): Promise<void> {
    const r = event.payload;
    if (!r.memberId) return;
    const programme = await this.programme.current();
    if (r.currency !== programme.currency) return;
    // A return counts at the time of the sale it reverses.
    const original = await this.spend.findPurchase(r.purchaseId);
    await this.count(
      {
        _id: `return:${r.returnId}`,
        memberId: r.memberId,
        kind: 'return',
        purchaseId: r.purchaseId,
        amountMinor: -r.amountMinor,
        currency: r.currency,
        countsAt: original?.countsAt ?? new Date(r.occurredAt),
        eventId: event.id,
        recordedAt: this.clock.now(),
      },
      programme,
      'return',
    );
  }

  /** The member's qualifying spend in a window: from the day totals, or summed from the rows for a member who has none yet. */
  async spendInWindow(member: Pick<MemberTierView, '_id' | 'spendByDay'>, window: { from: Date; to: Date }): Promise<number> {
    return member.spendByDay ? spendInWindow(member.spendByDay, window) : this.spend.sumForMember(member._id, window.from, window.to);
  }

  /**
   * Store the row, count it once in the member's day totals, then evaluate. Common case: read the
   * member, insert the row, one conditional update that counts it and returns the new totals.
   */
  private async count(entry: QualifyingSpendEntry, programme: TierProgramme, trigger: 'purchase' | 'return'): Promise<void> {
    const now = this.clock.now();
    // Read before inserting: the settle counter read here guards the count below (see applySpend).
    let member = await this.memberTiers.findForQualification(entry.memberId);
    const inserted = await this.spend.insertOnce(entry);
    const day = spendDay(new Date(entry.countsAt));
    // Spend on a day no window can reach changes no total: the row is the whole record of it.
    const countable = day >= firstSpendDayKept(now);
    for (let attempt = 1; ; attempt++) {
      if (!member || member.status !== 'active') return;
      if (attempt > MAX_ATTEMPTS) throw new Error('qualifying spend of member changed concurrently; retrying');
      if (!member.spendByDay || member._spendSettles === undefined) {
        await this.initTotals(entry.memberId, now);
      } else if (!countable || ((!inserted || attempt > 1) && (await this.isCounted(member, entry._id)))) {
        // (A row this call inserted cannot have been counted before: the first attempt need not look.)
        break;
      } else {
        const counted = await this.memberTiers.applySpend(entry.memberId, entry._id, day, entry.amountMinor, member._spendSettles, now);
        if (counted) {
          member = counted;
          break;
        }
      }
      member = await this.memberTiers.findForQualification(entry.memberId);
    }
    await this.settleIfDue(member, now);
    await this.evaluate(member, programme, trigger, now);
  }

  /** Counted already: its key is in the guard list, or its row was settled (marked before its key left the list). */
  private async isCounted(member: MemberQualificationState, key: string): Promise<boolean> {
    return (member._spendApplied ?? []).includes(key) || this.spend.isSettled(key);
  }

  /**
   * A member without day totals (enrolled, or last counted, before they existed) gets them summed
   * from the spend rows once, with those rows' keys as the guard list. Conditional: the first
   * writer wins and everyone re-reads.
   */
  private async initTotals(memberId: string, now: Date): Promise<void> {
    const keep = firstSpendDayKept(now);
    const days: SpendByDay = {};
    const keys: string[] = [];
    for (const row of await this.spend.listForMember(memberId)) {
      const day = spendDay(new Date(row.countsAt));
      if (day < keep) continue;
      days[day] = (days[day] ?? 0) + row.amountMinor;
      keys.push(row._id);
    }
    await this.memberTiers.initSpend(memberId, days, keys);
  }

  /** Mark the listed rows settled, then let their keys leave the list (and drop days no window reaches). */
  private async settleIfDue(member: MemberQualificationState, now: Date): Promise<void> {
    const keys = member._spendApplied ?? [];
    if (keys.length < SETTLE_AFTER) return;
    const keep = firstSpendDayKept(now);
    await this.spend.markSettled(keys);
    await this.memberTiers.settleSpend(
      member._id,
      keys,
      Object.keys(member.spendByDay ?? {}).filter((d) => d < keep),
    );
  }

  /** Upgrade at once, or take back a tier a return no longer supports. No write when nothing changes. */
  private async evaluate(member: MemberQualificationState, programme: TierProgramme, trigger: 'purchase' | 'return', now: Date): Promise<void> {
    const spendMinor = spendInWindow(member.spendByDay, qualificationWindow(programme.qualification, now));
    const current = member.tier;
    const upgrade = upgradeTarget(programme.tiers, current.code, spendMinor);
    if (upgrade) {
      // Reaching a tier by spend beats (and ends) a staff override below it.
      const tier: MemberTierState = {
        code: upgrade.code,
        since: now,
        reviewDate: reviewDateFrom(programme.qualification, now),
        floorCode: current.floorCode,
        override: null,
      };
      await this.change(member._id, current.code, tier, upgrade, 'qualified', spendMinor, now);
      return;
    }
    if (trigger === 'return' && !current.override) {
      const down = returnAdjustmentTarget(programme.tiers, current.code, current.floorCode, spendMinor);
      if (down) await this.change(member._id, current.code, { ...current, code: down.code, since: now }, down, 'return_adjustment', spendMinor, now);
    }
  }

  private async change(
    memberId: string,
    from: string,
    tier: MemberTierState,
    to: TierDefinition,
    reason: TierChangeReason,
    spendMinor: number,
    now: Date,
  ): Promise<void> {
    const history: TierHistoryEntry = { from, to: to.code, reason, at: now, by: 'system' };
    const event = this.events.create('member.tier.changed.v1', {
      memberId,
      fromTier: from,
      toTier: to.code,
      reason,
      earnMultiplierPercent: to.benefits.earnMultiplierPercent,
      changedAt: now.toISOString(),
    });
    const changed = await this.memberTiers.changeTier(memberId, from, tier, history, { qualifyingSpendMinor: spendMinor, lastActivityAt: now }, [event]);
    // Someone else changed the tier meanwhile: the failure makes the consumer retry; the row is
    // counted already, so the retry only re-evaluates.
    if (!changed) throw new Error(`tier of member changed concurrently; re-evaluating`);
  }

  static describe(programme: TierProgramme, code: string): TierDefinition {
    return tierByCode(programme.tiers, code) ?? programme.tiers[0];
  }
}
