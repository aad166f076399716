import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, EventFactory, isTimeIdCursor, type Actor } from '@app/common';
import type { HeldSaleDto, HeldSalesPageDto, HoldReviewResultDto, ListHoldsQuery } from '../dto/hold.dto';
import { PosErrors } from '../pos.errors';
import { PosRepository } from '../pos.repository';
import type { HoldStatus, Purchase } from '../pos.schema';
import { PurchaseCrediting } from '../purchase-crediting.service';
import { purchaseRecordedEvent } from './record-sale.usecase';

/**
 * Staff review of sales held as anomalous (points.pending.review): list them, release one (its
 * points are credited, pending or available by the return window as if credited on the day, and
 * purchase.recorded goes out so the tier spend and segments count it), or reverse one (nothing is
 * ever credited nor published; the day's cap share it reserved is not given back). Each decision is
 * taken once (compare-and-set); repeating the same decision answers the same, the other one is a 409.
 */
@Injectable()
export class ReviewHold {
  constructor(
    private readonly repo: PosRepository,
    private readonly crediting: PurchaseCrediting,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async list(query: ListHoldsQuery): Promise<HeldSalesPageDto> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, isTimeIdCursor) : null;
    const rows = await this.repo.holds(query.status ?? 'held', query.storeId, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toHeldSale), nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.recordedAt).toISOString(), last._id]) : null };
  }

  async release(purchaseId: string, actor: Actor, note: string | undefined): Promise<HoldReviewResultDto> {
    let purchase = await this.held(purchaseId);
    if (purchase.hold!.status === 'reversed') throw PosErrors.holdAlreadyDecided(purchaseId, 'reversed');
    if (purchase.hold!.status === 'held') {
      const now = this.clock.now();
      const status = new Date(purchase.earning!.availableAt).getTime() <= now.getTime() ? 'available' : 'pending';
      const released: Purchase = { ...purchase, outcome: 'credited' };
      const decided = await this.repo.decideHold(
        purchaseId,
        {
          outcome: 'credited',
          'earning.status': status,
          'hold.status': 'released',
          'hold.decidedAt': now,
          'hold.decidedBy': { id: actor.id, role: actor.role },
          'hold.note': note ?? null,
        },
        [purchaseRecordedEvent(this.events, released)],
      );
      purchase = decided ?? (await this.held(purchaseId));
      if (statusOf(purchase) === 'reversed') throw PosErrors.holdAlreadyDecided(purchaseId, 'reversed');
    }
    // Released (now or by an earlier call that may have stopped half-way): credit, idempotently.
    const balance = await this.crediting.credit(purchase);
    return { purchaseId, memberId: purchase.memberId!, status: 'released', pointsCredited: purchase.earning!.creditedPoints, balance };
  }

  async reverse(purchaseId: string, actor: Actor, note: string): Promise<HoldReviewResultDto> {
    let purchase = await this.held(purchaseId);
    if (purchase.hold!.status === 'held') {
      const decided = await this.repo.decideHold(
        purchaseId,
        {
          outcome: 'hold_reversed',
          'hold.status': 'reversed',
          'hold.decidedAt': this.clock.now(),
          'hold.decidedBy': { id: actor.id, role: actor.role },
          'hold.note': note,
        },
        [],
      );
      purchase = decided ?? (await this.held(purchaseId));
    }
    if (purchase.hold!.status === 'released') throw PosErrors.holdAlreadyDecided(purchaseId, 'released');
    return { purchaseId, memberId: purchase.memberId!, status: 'reversed', pointsCredited: 0, balance: await this.crediting.snapshot(purchase.memberId!) };
  }

  private async held(purchaseId: string): Promise<Purchase> {
    const purchase = await this.repo.findPurchase(purchaseId);
    if (!purchase?.hold || !purchase.memberId || !purchase.earning) throw PosErrors.holdNotFound(purchaseId);
    return purchase;
  }
}

/** The review status as it is stored now (read through a function: a re-read may have changed it). */
const statusOf = (p: Purchase): HoldStatus => p.hold!.status;

function toHeldSale(p: Purchase): HeldSaleDto {
  const hold = p.hold!;
  return {
    purchaseId: p._id,
    storeId: p.storeId,
    transactionId: p.transactionId,
    memberId: p.memberId!,
    occurredAt: new Date(p.occurredAt).toISOString(),
    recordedAt: new Date(p.recordedAt).toISOString(),
    totalMinor: p.totalMinor,
    currency: p.currency,
    points: p.earning?.creditedPoints ?? 0,
    medianMinor: hold.medianMinor,
    thresholdMinor: hold.thresholdMinor,
    history: hold.history,
    decision: {
      status: hold.status,
      decidedAt: hold.decidedAt ? new Date(hold.decidedAt).toISOString() : null,
      decidedByRole: hold.decidedBy?.role ?? null,
      note: hold.note,
    },
  };
}
