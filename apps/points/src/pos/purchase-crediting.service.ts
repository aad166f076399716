import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { PointsEnv } from '../config/points.env';
import { LedgerService, type BalanceSnapshot } from '../ledger/ledger.service';
import type { MemberRef } from '../members/member-ref.schema';
import { calculateEarning } from '../rules/calculate-earning';
import { RulesService } from '../rules/rules.service';
import type { SaleResultDto } from './dto/sale-result.dto';
import type { Purchase, PurchaseEarning, PurchaseLine } from './pos.schema';

const DAY = 86_400_000;

export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export const earnKey = (purchaseId: string) => `earn:${purchaseId}`;

/** What a sale earns for a member, and crediting it to the ledger (idempotent on the purchase id). */
@Injectable()
export class PurchaseCrediting {
  constructor(
    private readonly rules: RulesService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly env: PointsEnv,
  ) {}

  /** What a sale earns; with a daily cap, the sale's share of the day is reserved under `purchaseId`. */
  async earningFor(
    purchaseId: string,
    sale: { storeId: string; occurredAt: Date; currency: string; totalMinor: number; lines: PurchaseLine[] },
    member: MemberRef,
  ): Promise<PurchaseEarning> {
    const ruleSet = await this.rules.inForce(sale.occurredAt);
    const context = (earnedTodayBefore: number) => ({
      tier: member.tier,
      earnMultiplierPercent: member.earnMultiplierPercent,
      isBirthday: member.birthdayOn !== null && member.birthdayOn === sale.occurredAt.toISOString().slice(0, 10),
      earnedTodayBefore,
    });
    const earnedTodayBefore =
      ruleSet.rules.maxPointsPerDay === null
        ? 0
        : await this.ledger.reserveDailyEarning(member._id, sale.occurredAt, purchaseId, (before) => calculateEarning(ruleSet, sale, context(before)).points);
    const result = calculateEarning(ruleSet, sale, context(earnedTodayBefore));
    const availableAt = new Date(sale.occurredAt.getTime() + this.env.POINTS_PENDING_DAYS * DAY);
    return {
      points: result.points,
      creditedPoints: result.points,
      status: availableAt.getTime() <= this.clock.now().getTime() ? 'available' : 'pending',
      ruleVersion: result.ruleVersion,
      rules: result.rules,
      availableAt,
      expiresAt: addMonths(sale.occurredAt, this.env.POINTS_EXPIRY_MONTHS),
    };
  }

  /**
   * Credit a sale's points (once, whatever the retries) and return the member's balance.
   * `fresh`: the purchase was inserted by this very call (see LedgerService.post).
   */
  async credit(purchase: Purchase, options: { fresh?: boolean } = {}): Promise<BalanceSnapshot> {
    const memberId = purchase.memberId!;
    const earning = purchase.earning!;
    const points = earning.creditedPoints;
    if (points <= 0) return this.ledger.snapshot(memberId);
    const pending = earning.status === 'pending';
    const event = this.ledger.events.create('points.earned.v1', {
      memberId,
      purchaseId: purchase._id,
      storeId: purchase.storeId,
      points,
      status: earning.status,
      availableAt: new Date(earning.availableAt).toISOString(),
      expiresAt: new Date(earning.expiresAt).toISOString(),
      ruleVersion: earning.ruleVersion,
      rules: earning.rules,
      occurredAt: new Date(purchase.occurredAt).toISOString(),
    });
    const result = await this.ledger.post(
      {
        key: earnKey(purchase._id),
        memberId,
        type: 'earn',
        pendingDelta: pending ? points : 0,
        availableDelta: pending ? 0 : points,
        reference: { purchaseId: purchase._id, storeId: purchase.storeId, transactionId: purchase.transactionId },
        lot: { points, availableAt: new Date(earning.availableAt), expiresAt: new Date(earning.expiresAt), released: !pending },
        occurredAt: new Date(purchase.occurredAt),
      },
      [event],
      { fresh: options.fresh },
    );
    return result.balance;
  }

  snapshot(memberId: string): Promise<BalanceSnapshot> {
    return this.ledger.snapshot(memberId);
  }

  /** The balance the till was told when this sale was credited (kept on its ledger line), if known. */
  async balanceTold(purchase: Purchase): Promise<BalanceSnapshot | null> {
    if (!purchase.earning || purchase.earning.creditedPoints <= 0) return null;
    return this.ledger.balanceAfter(earnKey(purchase._id));
  }

  resultOf(purchase: Purchase, balance: BalanceSnapshot): SaleResultDto {
    const e = purchase.earning!;
    if (purchase.outcome === 'held' && purchase.hold) {
      return {
        purchaseId: purchase._id,
        storeId: purchase.storeId,
        transactionId: purchase.transactionId,
        memberId: purchase.memberId!,
        points: {
          earned: e.creditedPoints,
          status: 'held',
          pending: 0,
          available: 0,
          availableAt: new Date(e.availableAt).toISOString(),
          expiresAt: new Date(e.expiresAt).toISOString(),
          ruleVersion: e.ruleVersion,
          rules: e.rules.map((r) => ({ rule: r.rule, points: r.points })),
        },
        balance: { available: balance.available, pending: balance.pending },
        hold: { status: 'held', reason: 'basket_anomaly', medianMinor: purchase.hold.medianMinor, thresholdMinor: purchase.hold.thresholdMinor },
      };
    }
    const pending = e.status === 'pending';
    return {
      purchaseId: purchase._id,
      storeId: purchase.storeId,
      transactionId: purchase.transactionId,
      memberId: purchase.memberId!,
      points: {
        earned: e.creditedPoints,
        status: e.status,
        pending: pending ? e.creditedPoints : 0,
        available: pending ? 0 : e.creditedPoints,
        availableAt: new Date(e.availableAt).toISOString(),
        expiresAt: new Date(e.expiresAt).toISOString(),
        ruleVersion: e.ruleVersion,
        rules: e.rules.map((r) => ({ rule: r.rule, points: r.points })),
      },
      balance: { available: balance.available, pending: balance.pending },
    };
  }
}
