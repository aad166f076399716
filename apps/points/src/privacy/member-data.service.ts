import { Injectable } from '@nestjs/common';
import { LedgerRepository } from '../ledger/ledger.repository';
import { PosRepository } from '../pos/pos.repository';
import { RewardsRepository } from '../rewards/rewards.repository';

/** The most rows of one kind an export carries; a member past it is told so (`truncated`). */
const EXPORT_LIMIT = 50_000;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/**
 * Everything the points service holds about one member, for the right of access: balance, every
 * ledger line with its reason, coupons, and the purchases credited to or claimed by them.
 */
@Injectable()
export class MemberDataService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly pos: PosRepository,
    private readonly rewards: RewardsRepository,
  ) {}

  async export(memberId: string): Promise<{ service: 'points'; data: Record<string, unknown> }> {
    const [balance, entries, coupons, purchases] = await Promise.all([
      this.ledger.balanceOf(memberId),
      this.ledger.allEntriesOf(memberId, EXPORT_LIMIT),
      this.rewards.allCouponsOf(memberId, EXPORT_LIMIT),
      this.pos.purchasesOf(memberId, EXPORT_LIMIT),
    ]);
    return {
      service: 'points',
      data: {
        balance: balance ? { available: balance.available, pending: balance.pending } : { available: 0, pending: 0 },
        ledger: entries.map((e) => ({
          id: e._id,
          type: e.type,
          availableDelta: e.availableDelta,
          pendingDelta: e.pendingDelta,
          reasonCode: e.reasonCode,
          note: e.note,
          reference: e.reference,
          occurredAt: iso(e.occurredAt),
          recordedAt: iso(e.recordedAt),
        })),
        coupons: coupons.map((c) => ({ ...c, _id: undefined, id: c._id })),
        purchases: purchases.map((p) => ({
          id: p._id,
          storeId: p.storeId,
          transactionId: p.transactionId,
          occurredAt: iso(p.occurredAt),
          currency: p.currency,
          totalMinor: p.totalMinor,
          lines: p.lines,
          pointsEarned: p.earning?.points ?? 0,
          returnedMinor: p.returnedMinor,
          claimedAt: iso(p.claim?.claimedAt),
        })),
        truncated: [entries, coupons, purchases].some((rows) => rows.length >= EXPORT_LIMIT),
      },
    };
  }
}
