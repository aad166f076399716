import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope } from '@app/contracts';
import { Clock, DomainError, EventFactory } from '@app/common';
import { LedgerRepository } from './ledger.repository';
import { InflightClearer } from './inflight-clearer';
import type { Balance, DailyEarning, LedgerEntry, LedgerEntryType, Lot, LotSpec } from './ledger.schema';
import { upcomingExpiries } from './fifo';

export interface NewEntry {
  key: string;
  memberId: string;
  type: LedgerEntryType;
  availableDelta?: number;
  pendingDelta?: number;
  spentDelta?: number;
  reference?: Record<string, string | number | null>;
  reasonCode?: string | null;
  note?: string | null;
  actor?: { id: string; role: string } | null;
  lot?: LotSpec | null;
  occurredAt: Date;
}

export interface PostResult {
  /** applied: this call changed the balance; already: an earlier call did; insufficient: refused. */
  outcome: 'applied' | 'already' | 'insufficient' | 'stale';
  balance: BalanceSnapshot;
}

export interface BalanceSnapshot {
  available: number;
  pending: number;
}

export interface BalanceView {
  memberId: string;
  available: number;
  pending: number;
  expiringWithin30Days: number;
  expiring: Array<{ points: number; expiresAt: string }>;
}

const DAY = 86_400_000;
/** Member-days remembered for the daily cap's compare-and-set (about one per member active today). */
const DAYS_SEEN_MAX = 50_000;

/**
 * Posting to the ledger without multi-document transactions, as three idempotent steps keyed by
 * the entry id: (1) the balance document changes atomically (conditionally for debits) and
 * remembers the key and the entry in flight; (2) the ledger line is inserted with its events
 * (outbox); (3) the in-flight mark is cleared. A retry with the same key converges; a crash
 * after (1) is finished by the sweeper from the in-flight copy.
 */
@Injectable()
export class LedgerService {
  private readonly logger = new Logger(LedgerService.name);
  /** Member-days this instance reserved on last (daily cap), most recent last; bounded. */
  private readonly daysSeen = new Map<string, DailyEarning>();

  constructor(
    private readonly repo: LedgerRepository,
    private readonly inflight: InflightClearer,
    private readonly clock: Clock,
    readonly events: EventFactory,
  ) {}

  /**
   * `fresh`: the caller knows no entry with this key can exist yet (its key derives from a
   * document the caller has just inserted), so the lookup of an old entry is skipped; the
   * balance's applied-keys guard still makes the post idempotent.
   */
  async post(input: NewEntry, events: EventEnvelope[], guard: { requireAvailable?: boolean; expectSpent?: number; fresh?: boolean } = {}): Promise<PostResult> {
    const entry = this.toEntry(input);
    if (!guard.fresh && (await this.repo.entryExists(entry._id))) {
      if (entry.lot) await this.repo.createLot(this.toLot(entry));
      return { outcome: 'already', balance: await this.snapshot(entry.memberId) };
    }
    const applied = await this.repo.applyToBalance(entry, events, this.clock.now(), guard);
    if (applied.outcome === 'insufficient' || applied.outcome === 'stale') {
      return { outcome: applied.outcome, balance: await this.snapshot(entry.memberId) };
    }
    if (applied.outcome === 'applied') entry.balanceAfter = { available: applied.balance.available, pending: applied.balance.pending };
    await this.finish(entry, events);
    const balance = entry.balanceAfter ?? (await this.snapshot(entry.memberId));
    return { outcome: applied.outcome, balance };
  }

  /** Steps 2 and 3 (also run by the sweeper for entries left in flight). */
  async finish(entry: LedgerEntry, events: EventEnvelope[]): Promise<void> {
    // Both keyed and idempotent: written side by side; the in-flight mark covers a crash between.
    await Promise.all([this.repo.insertEntry(entry, events), entry.lot ? this.repo.createLot(this.toLot(entry)) : undefined]);
    this.inflight.clear(entry.memberId, entry._id);
  }

  /** Finish entries whose poster died between step 1 and step 3. */
  async sweepInflight(olderThanMs = 30_000): Promise<number> {
    await this.inflight.flush();
    const stale = await this.repo.staleInflight(new Date(this.clock.now().getTime() - olderThanMs));
    for (const item of stale) {
      const entry = { ...item.entry, occurredAt: new Date(item.entry.occurredAt), recordedAt: new Date(item.entry.recordedAt) };
      if (entry.lot) entry.lot = { ...entry.lot, availableAt: new Date(entry.lot.availableAt), expiresAt: new Date(entry.lot.expiresAt) };
      await this.finish(entry, item.events as EventEnvelope[]);
      this.logger.warn({ msg: 'finished an in-flight ledger entry', key: item.key });
    }
    return stale.length;
  }

  /**
   * Take back `points` of a credit lot for a return. While the lot is pending the points come off
   * pending; once released they come off available, which may go below zero if the member spent
   * them already (future earnings pay the debt back: the balance is a plain sum).
   */
  async reverseLot(
    lotId: string,
    returnKey: string,
    points: number,
    build: (split: { fromPending: number; fromAvailable: number; memberId: string }) => EventEnvelope[],
    occurredAt: Date,
    reference: Record<string, string | null>,
  ): Promise<{ fromPending: number; fromAvailable: number; balance: BalanceSnapshot } | null> {
    let lot = await this.repo.lotOf(lotId);
    if (!lot) return null;
    let recorded: Lot['reversals'][number] | undefined = lot.reversals.find((r) => r.key === returnKey);
    for (let attempt = 0; !recorded && attempt < 10; attempt++) {
      const updated = await this.repo.reverseOnLot(lot, returnKey, points);
      if (updated) {
        recorded = updated.reversals.find((r) => r.key === returnKey);
        break;
      }
      lot = await this.repo.lotOf(lotId);
      if (!lot) return null;
      recorded = lot.reversals.find((r) => r.key === returnKey);
    }
    if (!recorded) throw new DomainError('POINTS.CONTENTION', 'unavailable', 'The lot is changing too fast; retry');
    const split = { fromPending: recorded.fromPending ? recorded.points : 0, fromAvailable: recorded.fromPending ? 0 : recorded.points };
    const result = await this.post(
      {
        key: `reverse:${returnKey}`,
        memberId: lot.memberId,
        type: 'reverse',
        pendingDelta: -split.fromPending,
        availableDelta: -split.fromAvailable,
        reference,
        occurredAt,
      },
      build({ ...split, memberId: lot.memberId }),
    );
    return { ...split, balance: result.balance };
  }

  /**
   * The member's points earned earlier on the UTC day of `at`, with this sale's share reserved
   * at once (`pointsFor(before)`), so that concurrent sales cannot pass the daily cap together.
   * A retry with the same key gets the same `before`, hence the same result.
   */
  async reserveDailyEarning(memberId: string, at: Date, key: string, pointsFor: (before: number) => number): Promise<number> {
    const day = at.toISOString().slice(0, 10);
    const id = `${memberId}:${day}`;
    const expireAt = new Date(Date.parse(`${day}T00:00:00.000Z`) + 8 * DAY);
    // The day as this instance last wrote it: usually still true, so the compare-and-set needs no
    // read first (one round trip per sale); when another writer moved it, the CAS fails and we read.
    let seen: DailyEarning | null | undefined = this.daysSeen.get(id);
    for (let attempt = 0; attempt < 20; attempt++) {
      if (seen === undefined) seen = await this.repo.dailyEarning(id);
      const mine = seen?.keys.find((k) => k.key === key);
      if (mine) return mine.before;
      const before = seen?.earned ?? 0;
      const reservation = { key, points: pointsFor(before), before };
      if (await this.repo.reserveDaily(id, seen, reservation, expireAt)) {
        this.rememberDay({ _id: id, earned: before + reservation.points, keys: [...(seen?.keys ?? []), reservation], expireAt });
        return before;
      }
      seen = undefined;
    }
    throw new DomainError('POINTS.CONTENTION', 'unavailable', 'Too many concurrent sales for this member; retry');
  }

  private rememberDay(day: DailyEarning): void {
    this.daysSeen.delete(day._id);
    if (this.daysSeen.size >= DAYS_SEEN_MAX) this.daysSeen.delete(this.daysSeen.keys().next().value!);
    this.daysSeen.set(day._id, day);
  }

  /** The balance the poster of an entry saw right after applying it (null if unknown). */
  async balanceAfter(key: string): Promise<BalanceSnapshot | null> {
    return (await this.repo.findEntry(key))?.balanceAfter ?? null;
  }

  async snapshot(memberId: string): Promise<BalanceSnapshot> {
    const b = await this.repo.balanceOf(memberId);
    return { available: b?.available ?? 0, pending: b?.pending ?? 0 };
  }

  async balanceView(memberId: string, withinDays = 30): Promise<BalanceView> {
    const [balance, lots] = await Promise.all([this.repo.balanceOf(memberId), this.repo.lotsOfMember(memberId)]);
    const now = this.clock.now();
    const expiring = this.expiring(lots, balance, now, withinDays);
    const in30 = withinDays === 30 ? expiring : this.expiring(lots, balance, now, 30);
    return {
      memberId,
      available: balance?.available ?? 0,
      pending: balance?.pending ?? 0,
      expiringWithin30Days: in30.reduce((s, e) => s + e.points, 0),
      expiring: expiring.map((e) => ({ points: e.points, expiresAt: e.expiresAt.toISOString() })),
    };
  }

  private expiring(lots: Lot[], balance: Balance | null, now: Date, days: number) {
    const views = lots.map((l) => ({ id: l._id, net: l.points - l.reversed, expiresAt: new Date(l.expiresAt) }));
    return upcomingExpiries(views, balance?.spent ?? 0, now, new Date(now.getTime() + days * DAY));
  }

  private toEntry(input: NewEntry): LedgerEntry {
    return {
      _id: input.key,
      memberId: input.memberId,
      type: input.type,
      availableDelta: input.availableDelta ?? 0,
      pendingDelta: input.pendingDelta ?? 0,
      spentDelta: input.spentDelta ?? 0,
      reference: input.reference ?? {},
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      actor: input.actor ?? null,
      lot: input.lot ?? null,
      balanceAfter: null,
      occurredAt: input.occurredAt,
      recordedAt: this.clock.now(),
    };
  }

  private toLot(entry: LedgerEntry): Lot {
    const spec = entry.lot!;
    return {
      _id: entry._id,
      memberId: entry.memberId,
      points: spec.points,
      reversed: 0,
      reversals: [],
      released: spec.released,
      releasedAmount: spec.released ? spec.points : null,
      releaseApplied: spec.released,
      availableAt: spec.availableAt,
      expiresAt: spec.expiresAt,
      expiryChecked: false,
    };
  }
}
