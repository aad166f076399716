import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { insertRawOnce, insertRawWithEvents, isDuplicateKeyError } from '@app/common';
import {
  BALANCE_MODEL,
  DAILY_EARNING_MODEL,
  LEDGER_ENTRY_MODEL,
  LOT_MODEL,
  type Balance,
  type DailyEarning,
  type InflightEntry,
  type LedgerEntry,
  type Lot,
} from './ledger.schema';

/**
 * Keys of the latest entries kept on a balance document. The guard against applying an entry
 * twice is `_inflight` (every applied entry stays there until its ledger line is written) plus
 * the ledger line itself (looked up by `LedgerService.post` for anything but a fresh sale), so
 * this list is only a second line of defence: short, because every update of the balance
 * rewrites the whole document (on MongoDB as on the stand-in).
 */
export const APPLIED_KEPT = 64;

export type ApplyOutcome = { outcome: 'applied'; balance: Balance } | { outcome: 'already' } | { outcome: 'insufficient' } | { outcome: 'stale' };

export interface LedgerTotals {
  memberId: string;
  available: number;
  pending: number;
  spent: number;
}

/** The only place that touches the ledger, balance and lot collections. */
@Injectable()
export class LedgerRepository {
  constructor(
    @InjectModel(LEDGER_ENTRY_MODEL) private readonly entries: Model<LedgerEntry>,
    @InjectModel(BALANCE_MODEL) private readonly balances: Model<Balance>,
    @InjectModel(LOT_MODEL) private readonly lots: Model<Lot>,
    @InjectModel(DAILY_EARNING_MODEL) private readonly daily: Model<DailyEarning>,
  ) {}

  async entryExists(key: string): Promise<boolean> {
    return (await this.entries.exists({ _id: key })) !== null;
  }

  async findEntry(key: string): Promise<LedgerEntry | null> {
    return this.entries.findById(key).lean<LedgerEntry>().exec();
  }

  /**
   * Step 1 of posting: change the balance document atomically, once per key. With
   * `requireAvailable` the debit succeeds only if the balance covers it (no overdraw under any
   * concurrency); `expectSpent` makes it a compare-and-set on the spent total (expiry).
   */
  async applyToBalance(
    entry: LedgerEntry,
    events: EventEnvelope[],
    at: Date,
    guard: { requireAvailable?: boolean; expectSpent?: number } = {},
  ): Promise<ApplyOutcome> {
    const filter: Record<string, unknown> = { _id: entry.memberId, _applied: { $ne: entry._id }, '_inflight.key': { $ne: entry._id } };
    if (guard.requireAvailable) filter.available = { $gte: -entry.availableDelta };
    if (guard.expectSpent !== undefined) filter.spent = guard.expectSpent;
    const inflight: InflightEntry = { key: entry._id, at, entry, events };
    const update = {
      $inc: { available: entry.availableDelta, pending: entry.pendingDelta, spent: entry.spentDelta },
      $push: { _applied: { $each: [entry._id], $slice: -APPLIED_KEPT }, _inflight: inflight },
      $set: { updatedAt: at },
    };
    const conditional = guard.requireAvailable || guard.expectSpent !== undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        // Through the driver (every sale passes here): the guard lists stay in the database.
        const balance = (await this.balances.collection.findOneAndUpdate(filter, update as never, {
          returnDocument: 'after',
          upsert: !conditional,
          projection: { _applied: 0, _inflight: 0 },
        })) as Balance | null;
        if (balance) return { outcome: 'applied', balance };
      } catch (err) {
        // Upsert collided: either the key is applied already or another first write won; look.
        if (!isDuplicateKeyError(err)) throw err;
      }
      if (await this.balances.exists({ _id: entry.memberId, $or: [{ _applied: entry._id }, { '_inflight.key': entry._id }] })) return { outcome: 'already' };
      if (conditional) {
        const current = await this.balances.findById(entry.memberId).lean<Balance>().exec();
        if (guard.expectSpent !== undefined && current && current.spent !== guard.expectSpent) return { outcome: 'stale' };
        return { outcome: 'insufficient' };
      }
    }
    throw new Error(`Could not apply ledger entry ${entry._id} to its balance`);
  }

  /** Step 2: the ledger line with its events (outbox). A duplicate means it is written already. */
  async insertEntry(entry: LedgerEntry, events: EventEnvelope[]): Promise<void> {
    await insertRawWithEvents(this.entries, entry, events); // built complete by LedgerService
  }

  /** The lot of a credit (keyed like its entry); a duplicate means it exists already. */
  async createLot(lot: Lot): Promise<void> {
    await insertRawOnce(this.lots, lot);
  }

  /** Step 3: the entries are durable; forget them from their balances' in-flight lists (one round trip). */
  async clearInflight(batch: Array<{ memberId: string; keys: string[] }>): Promise<void> {
    if (batch.length === 0) return;
    await this.balances.collection.bulkWrite(
      batch.map(({ memberId, keys }) => ({
        updateOne: { filter: { _id: memberId as never }, update: { $pull: { _inflight: { key: { $in: keys } } } as never } },
      })),
      { ordered: false },
    );
  }

  async staleInflight(before: Date, limit = 200): Promise<InflightEntry[]> {
    const docs = await this.balances
      .find({ '_inflight.at': { $lt: before } })
      .select('+_inflight')
      .limit(limit)
      .lean<Array<{ _inflight?: InflightEntry[] }>>()
      .exec();
    return docs.flatMap((d) => (d._inflight ?? []).filter((i) => new Date(i.at).getTime() < before.getTime()));
  }

  async balanceOf(memberId: string): Promise<Balance | null> {
    return this.balances.findById(memberId).lean<Balance>().exec();
  }

  async history(memberId: string, after: { recordedAt: Date; id: string } | null, limit: number): Promise<LedgerEntry[]> {
    const filter: Record<string, unknown> = { memberId };
    if (after) {
      filter.$or = [{ recordedAt: { $lt: after.recordedAt } }, { recordedAt: after.recordedAt, _id: { $lt: after.id } }];
    }
    return this.entries.find(filter).sort({ recordedAt: -1, _id: -1 }).limit(limit).lean<LedgerEntry[]>().exec();
  }

  /** Every ledger line of a member, oldest first (the member's data export). */
  async allEntriesOf(memberId: string, limit: number): Promise<LedgerEntry[]> {
    return this.entries.find({ memberId }).sort({ recordedAt: 1, _id: 1 }).limit(limit).lean<LedgerEntry[]>().exec();
  }

  async dailyEarning(id: string): Promise<DailyEarning | null> {
    return this.daily.findById(id).lean<DailyEarning>().exec();
  }

  /** Reserve `points` of a day for one sale, if the day is still as it was read (compare-and-set). */
  async reserveDaily(id: string, seen: DailyEarning | null, reservation: { key: string; points: number; before: number }, expireAt: Date): Promise<boolean> {
    if (!seen) {
      try {
        await this.daily.create({ _id: id, earned: reservation.points, keys: [reservation], expireAt });
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    }
    const res = await this.daily
      .updateOne({ _id: id, earned: seen.earned, 'keys.key': { $ne: reservation.key } }, { $inc: { earned: reservation.points }, $push: { keys: reservation } })
      .exec();
    return res.modifiedCount === 1;
  }

  // ---- lots

  async lotOf(id: string): Promise<Lot | null> {
    return this.lots.findById(id).lean<Lot>().exec();
  }

  async lotsOfMember(memberId: string): Promise<Lot[]> {
    return this.lots.find({ memberId }).lean<Lot[]>().exec();
  }

  /** Record a reversal on a lot, deciding pending vs available against the state read (CAS on `released`). */
  async reverseOnLot(lot: Lot, key: string, points: number): Promise<Lot | null> {
    return this.lots
      .findOneAndUpdate(
        { _id: lot._id, released: lot.released, 'reversals.key': { $ne: key } },
        { $inc: { reversed: points }, $push: { reversals: { key, points, fromPending: !lot.released } } },
        { new: true },
      )
      .lean<Lot>()
      .exec();
  }

  async lotsDueForRelease(now: Date, limit: number): Promise<Lot[]> {
    return this.lots
      .find({ released: false, availableAt: { $lte: now } })
      .limit(limit)
      .lean<Lot[]>()
      .exec();
  }

  /** Mark a lot released with the amount net of reversals, unless a reversal raced in (CAS). */
  async markReleased(lot: Lot): Promise<boolean> {
    const res = await this.lots
      .updateOne({ _id: lot._id, released: false, reversed: lot.reversed }, { $set: { released: true, releasedAmount: lot.points - lot.reversed } })
      .exec();
    return res.modifiedCount === 1;
  }

  async releasedNotApplied(limit: number): Promise<Lot[]> {
    return this.lots.find({ released: true, releaseApplied: false }).limit(limit).lean<Lot[]>().exec();
  }

  async markReleaseApplied(id: string): Promise<void> {
    await this.lots.updateOne({ _id: id }, { $set: { releaseApplied: true } }).exec();
  }

  async membersWithExpiringLots(now: Date, limit: number): Promise<string[]> {
    const rows = await this.lots
      .find({ expiryChecked: false, released: true, expiresAt: { $lte: now } })
      .select({ memberId: 1 })
      .limit(limit)
      .lean<Array<{ memberId: string }>>()
      .exec();
    return [...new Set(rows.map((r) => r.memberId))];
  }

  async markExpiryChecked(ids: string[]): Promise<void> {
    if (ids.length) await this.lots.updateMany({ _id: { $in: ids } }, { $set: { expiryChecked: true } }).exec();
  }

  // ---- reconciliation

  /** Balances derived from the ledger alone. */
  async totalsFromLedger(memberId?: string): Promise<LedgerTotals[]> {
    const rows = await this.entries
      .aggregate<{ _id: string; available: number; pending: number; spent: number }>([
        ...(memberId ? [{ $match: { memberId } }] : []),
        { $group: { _id: '$memberId', available: { $sum: '$availableDelta' }, pending: { $sum: '$pendingDelta' }, spent: { $sum: '$spentDelta' } } },
      ])
      .exec();
    return rows.map((r) => ({ memberId: r._id, available: r.available, pending: r.pending, spent: r.spent }));
  }

  async allBalances(memberId?: string): Promise<Balance[]> {
    return this.balances
      .find(memberId ? { _id: memberId } : {})
      .lean<Balance[]>()
      .exec();
  }

  /** Repair: set a balance to its ledger totals if it has not moved since it was read. */
  async setBalance(seen: Balance, totals: LedgerTotals): Promise<boolean> {
    const res = await this.balances
      .updateOne(
        { _id: seen._id, available: seen.available, pending: seen.pending, spent: seen.spent },
        { $set: { available: totals.available, pending: totals.pending, spent: totals.spent } },
      )
      .exec();
    return res.modifiedCount === 1;
  }
}
