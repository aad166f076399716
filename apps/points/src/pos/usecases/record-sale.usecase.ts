import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, EventFactory, normalisePhone, requestHash, ValidationFailedError } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import { PointsEnv } from '../../config/points.env';
import { MemberDirectory, type MemberIdentifier } from '../../members/member-directory.service';
import type { SaleDto } from '../dto/sale.dto';
import type { SaleResultDto } from '../dto/sale-result.dto';
import { PosErrors } from '../pos.errors';
import { PosRepository } from '../pos.repository';
import type { Purchase } from '../pos.schema';
import { PurchaseCrediting } from '../purchase-crediting.service';
import { SaleIntegrity } from '../sale-integrity.service';
import { StoreBaskets } from '../store-baskets.service';

const DAY = 86_400_000;
/** Purchase and return ids travel in events whose contracts cap them at 64 characters. */
export const PURCHASE_ID_MAX = 64;

export interface RecordSaleOutcome {
  replayed: boolean;
  result: SaleResultDto;
}

/**
 * The id of a sale (or return): `storeId:transactionId` when that fits the 64 characters the
 * event contracts allow (ids are at most 64 each), else `h:` + a SHA-256 of both (45 characters),
 * so the same till transaction always maps to the same id.
 */
export function purchaseIdOf(storeId: string, transactionId: string): string {
  const plain = `${storeId}:${transactionId}`;
  if (plain.length <= PURCHASE_ID_MAX) return plain;
  return `h:${createHash('sha256').update(`${storeId}\u0000${transactionId}`, 'utf8').digest('base64url')}`;
}

/**
 * Record a till's sale and credit its points, exactly once per (storeId, transactionId):
 * 1. the purchase document (unique key, with its purchase.recorded event) is inserted once;
 *    a retry or a racing duplicate finds it and is compared by body hash (409 if different);
 * 2. the points are posted to the ledger under `earn:<purchaseId>` (idempotent);
 * 3. the first complete answer is replayed to later retries: rebuilt from the sale and the
 *    balance kept on its ledger line, or stored on the sale when there is no such line.
 * An unknown member's sale is recorded too (claimable later) and answered with 422.
 */
@Injectable()
export class RecordSale {
  constructor(
    private readonly repo: PosRepository,
    private readonly members: MemberDirectory,
    private readonly crediting: PurchaseCrediting,
    private readonly clock: Clock,
    private readonly env: PointsEnv,
    private readonly events: EventFactory,
    private readonly integrity: SaleIntegrity,
    private readonly baskets: StoreBaskets,
  ) {}

  async execute(sale: SaleDto): Promise<RecordSaleOutcome> {
    const identifier = this.identifierOf(sale);
    const occurredAt = new Date(sale.occurredAt);
    const now = this.clock.now();
    const id = purchaseIdOf(sale.storeId, sale.transactionId);
    const hash = requestHash(sale);
    try {
      // Before any effect: nothing is written, credited or published for a refused sale.
      this.integrity.checkSale(sale);
    } catch (err) {
      // A retry of a sale recorded before (the window moved on, the configuration changed) keeps its answer.
      const existing = await this.repo.findPurchase(id);
      if (existing) return this.replay(existing, hash);
      throw err;
    }

    // New sales are the common case: no lookup first; the insert below is the duplicate check.
    let member: Awaited<ReturnType<MemberDirectory['resolve']>>;
    try {
      member = await this.members.resolve(identifier);
    } catch (err) {
      // Members unreachable: a retry of a sale recorded earlier still gets its original answer.
      const existing = await this.repo.findPurchase(id);
      if (existing) return this.replay(existing, hash);
      throw err;
    }
    const lines = sale.lines.map((l) => ({
      sku: l.sku,
      category: l.category,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: l.discountMinor ?? 0,
    }));
    const base = { storeId: sale.storeId, occurredAt, currency: sale.currency, totalMinor: sale.totalMinor, lines };
    const purchase: Purchase = {
      _id: id,
      ...base,
      terminalId: sale.terminalId,
      transactionId: sale.transactionId,
      requestHash: hash,
      identifiedBy: 'memberId' in identifier ? 'memberId' : 'cardNumber' in identifier ? 'cardNumber' : 'phone',
      outcome: member ? 'credited' : 'unknown_member',
      memberId: member?._id ?? null,
      earning: member ? await this.crediting.earningFor(id, base, member) : null,
      hold: null,
      claimableUntil: new Date(occurredAt.getTime() + this.env.POINTS_CLAIM_WINDOW_DAYS * DAY),
      claim: null,
      returnedMinor: 0,
      returns: [],
      response: null,
      recordedAt: now,
    };
    // Far above the store's usual basket: the sale is recorded, its points wait for a review, and
    // other services hear of it (purchase.recorded: tier spend, segments) only once it is released.
    if (member && purchase.earning && purchase.earning.creditedPoints > 0) {
      const verdict = await this.baskets.judge(sale.storeId, sale.totalMinor);
      if (verdict.held) {
        purchase.outcome = 'held';
        purchase.hold = {
          status: 'held',
          medianMinor: verdict.medianMinor!,
          thresholdMinor: verdict.thresholdMinor!,
          history: verdict.history,
          heldAt: now,
          decidedAt: null,
          decidedBy: null,
          note: null,
        };
      }
    }
    const events = purchase.outcome === 'held' ? [] : [purchaseRecordedEvent(this.events, purchase)];
    if (!(await this.repo.insertPurchase(purchase, events))) {
      const winner = await this.repo.findPurchase(id);
      if (!winner) throw new Error(`Purchase ${id} collided but cannot be read`);
      return this.replay(winner, hash);
    }
    if (purchase.outcome !== 'held') this.baskets.observe(sale.storeId, sale.totalMinor);
    return { replayed: false, result: await this.complete(purchase, true) };
  }

  private async replay(existing: Purchase, hash: string): Promise<RecordSaleOutcome> {
    if (existing.requestHash !== hash) {
      throw PosErrors.duplicateTransaction({ purchaseId: existing._id });
    }
    // An answer is stored only once the crediting is complete: replay it as it is.
    if (existing.response) return { replayed: true, result: existing.response as unknown as SaleResultDto };
    // Usually the answer lives on the sale's ledger line (the balance the till was told).
    const told = existing.outcome === 'credited' ? await this.crediting.balanceTold(existing) : null;
    if (told) return { replayed: true, result: this.crediting.resultOf(existing, told) };
    return { replayed: true, result: await this.complete(existing, false) };
  }

  /**
   * Converge (credit if not yet) and answer; the first stored answer wins. `inserted`: this call
   * has just inserted the purchase, so nothing of it can be in the ledger yet.
   */
  private async complete(purchase: Purchase, inserted: boolean): Promise<SaleResultDto> {
    if (purchase.outcome === 'unknown_member') {
      throw PosErrors.memberUnknown(purchase._id, new Date(purchase.claimableUntil));
    }
    if (purchase.outcome === 'held' || purchase.outcome === 'hold_reversed') {
      // Nothing credited: the answer (with the hold) is stored for retries.
      const result = this.crediting.resultOf(purchase, await this.crediting.snapshot(purchase.memberId!));
      await this.repo.saveResponse(purchase._id, result as unknown as Record<string, unknown>);
      return result;
    }
    const balance = await this.crediting.credit(purchase, { fresh: inserted });
    if (purchase.response) return purchase.response as unknown as SaleResultDto;
    const result = this.crediting.resultOf(purchase, balance);
    // A new sale's ledger line keeps the balance it was told; otherwise (nothing credited, or a
    // retry that finished the crediting) the answer itself is stored for later retries.
    if (!inserted || purchase.earning!.creditedPoints <= 0) await this.repo.saveResponse(purchase._id, result as unknown as Record<string, unknown>);
    return result;
  }

  private identifierOf(sale: SaleDto): MemberIdentifier {
    const given = (['memberId', 'cardNumber', 'phone'] as const).filter((k) => sale.member[k] !== undefined);
    if (given.length !== 1) {
      throw new ValidationFailedError([{ field: 'member', rule: 'exactlyOne', message: 'member must carry exactly one of memberId, cardNumber, phone' }]);
    }
    const m = sale.member;
    if (m.memberId !== undefined) return { memberId: m.memberId };
    if (m.cardNumber !== undefined) return { cardNumber: m.cardNumber };
    // The normalisation enrolment uses (libs/common), so any form members accepts works here too.
    const phone = normalisePhone(m.phone!, this.env.DEFAULT_PHONE_REGION);
    if (!phone.ok)
      throw new ValidationFailedError([
        { field: 'member.phone', rule: 'isPhoneNumber', message: `member.phone is not a valid phone number (${phone.reason})` },
      ]);
    return { phone: phone.e164 };
  }
}

/** purchase.recorded.v1 of a sale: published when it is recorded, or when its hold is released. */
export function purchaseRecordedEvent(events: EventFactory, purchase: Purchase): EventEnvelope {
  return events.create('purchase.recorded.v1', {
    purchaseId: purchase._id,
    memberId: purchase.memberId,
    storeId: purchase.storeId,
    amountMinor: purchase.totalMinor,
    currency: purchase.currency,
    categories: categoryAmounts(purchase.lines),
    occurredAt: new Date(purchase.occurredAt).toISOString(),
  });
}

export function categoryAmounts(
  lines: Array<{ category: string; quantity: number; unitPriceMinor: number; discountMinor: number }>,
): Array<{ category: string; amountMinor: number }> {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.category, (sums.get(l.category) ?? 0) + Math.max(0, l.quantity * l.unitPriceMinor - l.discountMinor));
  return [...sums].map(([category, amountMinor]) => ({ category, amountMinor }));
}
