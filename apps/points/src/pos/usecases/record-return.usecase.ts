import { Injectable } from '@nestjs/common';
import { Clock, EventFactory, requestHash } from '@app/common';
import { LedgerService } from '../../ledger/ledger.service';
import { pointsToReverse } from '../../rules/calculate-earning';
import type { ReturnDto } from '../dto/sale.dto';
import type { ReturnResultDto } from '../dto/sale-result.dto';
import { PosRepository } from '../pos.repository';
import type { Purchase } from '../pos.schema';
import { earnKey, PurchaseCrediting } from '../purchase-crediting.service';
import { PosErrors } from '../pos.errors';
import { checkReturnLines } from '../sale-integrity';
import { SaleIntegrity } from '../sale-integrity.service';
import { purchaseIdOf } from './record-sale.usecase';

export interface RecordReturnOutcome {
  replayed: boolean;
  result: ReturnResultDto;
}

/**
 * A full or partial return of a recorded sale. Points are reversed in proportion to the refund:
 * the refund takes the slice [returnedBefore, returnedBefore + refund) of the sale total
 * (compare-and-set on the purchase, so concurrent returns never overlap nor exceed the total), and
 * the points of that slice are taken back from the sale's lot: from pending inside the return
 * window, otherwise from available, which may go below zero when the member already spent them
 * (policy: the debt stays on the balance and later earnings pay it back).
 * Idempotent on (storeId, transactionId) of the return.
 */
@Injectable()
export class RecordReturn {
  constructor(
    private readonly repo: PosRepository,
    private readonly ledger: LedgerService,
    private readonly crediting: PurchaseCrediting,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly integrity: SaleIntegrity,
  ) {}

  async execute(dto: ReturnDto): Promise<RecordReturnOutcome> {
    const returnId = purchaseIdOf(dto.storeId, dto.transactionId);
    const hash = requestHash(dto);
    const existing = await this.repo.findReturn(returnId);
    if (existing) return this.replay(existing.requestHash, hash, existing.response as unknown as ReturnResultDto);

    const purchaseId = purchaseIdOf(dto.original.storeId, dto.original.transactionId);
    let purchase = await this.repo.findPurchase(purchaseId);
    if (!purchase) throw PosErrors.originalSaleNotFound(purchaseId);
    // A held sale is decided first (release, then return; or reverse); a reversed one earned nothing to take back.
    if (purchase.outcome === 'held') throw PosErrors.saleOnHold(purchaseId);
    if (purchase.outcome === 'hold_reversed') throw PosErrors.saleReversedByReview(purchaseId);
    if (purchase.currency !== dto.currency) {
      throw PosErrors.currencyMismatch(purchase.currency);
    }

    const slice = await this.allocate(purchase, returnId, dto);
    purchase = slice.purchase;
    const earned = purchase.earning?.points ?? 0;
    const points = purchase.memberId && purchase.earning ? pointsToReverse(earned, purchase.totalMinor, slice.beforeMinor, dto.refundMinor) : 0;

    let split = { fromPending: 0, fromAvailable: 0 };
    let balance: { available: number; pending: number } | null = purchase.memberId ? await this.ledger.snapshot(purchase.memberId) : null;
    if (points > 0 && purchase.memberId) {
      await this.crediting.credit(purchase); // converge: the lot must exist before it is reversed
      const occurredAt = new Date(dto.occurredAt);
      const reversed = await this.ledger.reverseLot(
        earnKey(purchase._id),
        returnId,
        points,
        (s) => [
          this.events.create('points.reversed.v1', {
            memberId: s.memberId,
            purchaseId,
            returnId,
            points,
            fromPending: s.fromPending,
            fromAvailable: s.fromAvailable,
            occurredAt: occurredAt.toISOString(),
          }),
        ],
        occurredAt,
        { purchaseId, returnId },
      );
      if (reversed) {
        split = { fromPending: reversed.fromPending, fromAvailable: reversed.fromAvailable };
        balance = reversed.balance;
      }
    }
    const result: ReturnResultDto = {
      returnId,
      purchaseId,
      memberId: purchase.memberId,
      refundMinor: dto.refundMinor,
      pointsReversed: split.fromPending + split.fromAvailable,
      ...split,
      balance,
    };
    if (
      !(await this.repo.insertReturn({
        _id: returnId,
        requestHash: hash,
        purchaseId,
        response: result as unknown as Record<string, unknown>,
        recordedAt: this.clock.now(),
      }))
    ) {
      const stored = await this.repo.findReturn(returnId);
      if (stored) return this.replay(stored.requestHash, hash, stored.response as unknown as ReturnResultDto);
    }
    return { replayed: false, result };
  }

  private replay(storedHash: string, hash: string, response: ReturnResultDto): RecordReturnOutcome {
    if (storedHash !== hash) {
      throw PosErrors.duplicateTransaction({ returnId: response.returnId }, 'This store already recorded this return transaction id with a different body');
    }
    return { replayed: true, result: response };
  }

  /** This return's slice of the sale total (found again on a retry after a crash). */
  private async allocate(purchase: Purchase, returnId: string, dto: ReturnDto): Promise<{ purchase: Purchase; beforeMinor: number }> {
    let current: Purchase | null = purchase;
    for (let attempt = 0; attempt < 10 && current; attempt++) {
      const mine = current.returns.find((r) => r.key === returnId);
      if (mine) {
        if (mine.refundMinor !== dto.refundMinor) {
          throw PosErrors.duplicateTransaction({ returnId }, 'This return was recorded with another amount');
        }
        return { purchase: current, beforeMinor: mine.beforeMinor };
      }
      // By line: each SKU's returned quantity and refund stay within what was sold of it (with earlier returns).
      const returnedLines = (dto.lines ?? []).map((l) => ({ sku: l.sku, quantity: l.quantity, refundMinor: l.refundMinor }));
      checkReturnLines(
        dto.refundMinor,
        returnedLines,
        current.lines,
        current.returns.flatMap((r) => r.lines ?? []),
        this.integrity.policy.toleranceMinor,
      );
      // In total: never more than what is left of the sale.
      if (current.returnedMinor + dto.refundMinor > current.totalMinor) {
        throw PosErrors.returnExceedsSale(current.totalMinor, current.returnedMinor);
      }
      const event = this.events.create('purchase.returned.v1', {
        returnId,
        purchaseId: current._id,
        memberId: current.memberId,
        storeId: dto.storeId,
        amountMinor: dto.refundMinor,
        currency: dto.currency,
        categories: refundCategories(dto, current),
        occurredAt: new Date(dto.occurredAt).toISOString(),
      });
      const updated = await this.repo.allocateReturn(current, returnId, dto.refundMinor, returnedLines, [event]);
      if (updated) return { purchase: updated, beforeMinor: current.returnedMinor };
      current = await this.repo.findPurchase(purchase._id);
    }
    throw PosErrors.returnContention();
  }
}

/** Refunded amount per category: from the return lines, else spread like the sale. */
function refundCategories(dto: ReturnDto, purchase: Purchase): Array<{ category: string; amountMinor: number }> {
  const sums = new Map<string, number>();
  if (dto.lines?.length) {
    for (const l of dto.lines) sums.set(l.category, (sums.get(l.category) ?? 0) + l.refundMinor);
  } else {
    const net = purchase.lines.map((l) => ({ category: l.category, minor: Math.max(0, l.quantity * l.unitPriceMinor - l.discountMinor) }));
    const total = net.reduce((s, l) => s + l.minor, 0);
    for (const l of net) if (total > 0) sums.set(l.category, (sums.get(l.category) ?? 0) + Math.floor((dto.refundMinor * l.minor) / total));
  }
  return [...sums].map(([category, amountMinor]) => ({ category, amountMinor }));
}
