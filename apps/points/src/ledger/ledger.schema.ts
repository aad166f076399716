import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';

export const LEDGER_ENTRY_TYPES = ['earn', 'release', 'reverse', 'redeem', 'expire', 'adjust', 'compensation', 'refund', 'campaign_bonus'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/** A credit that forms a lot: expires as a unit, spent first in, first out. */
export interface LotSpec {
  points: number;
  availableAt: Date;
  expiresAt: Date;
  /** False while pending (return window). */
  released: boolean;
}

/**
 * One line of the append-only ledger. `_id` is the idempotency key (`earn:<purchaseId>`,
 * `redeem:<member>:<requestId>`, ...): a retry converges on the same entry. Every balance is
 * the sum of the deltas of its member's entries. Entries are never updated or deleted.
 */
export interface LedgerEntry {
  _id: string;
  memberId: string;
  type: LedgerEntryType;
  availableDelta: number;
  pendingDelta: number;
  /** Consumption counted for first-in-first-out (redemptions, debit adjustments, expiries). */
  spentDelta: number;
  reference: Record<string, string | number | null>;
  reasonCode: string | null;
  note: string | null;
  actor: { id: string; role: string } | null;
  lot: LotSpec | null;
  /**
   * The member's balance right after this entry was applied, when the poster saw it (null when a
   * retry or the sweeper finished the entry): what the till was told, replayed to its retries.
   */
  balanceAfter: { available: number; pending: number } | null;
  occurredAt: Date;
  recordedAt: Date;
}
export const LEDGER_ENTRY_MODEL = 'PointsLedgerEntry';
export const LedgerEntrySchema = new Schema<LedgerEntry>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    type: { type: String, required: true, enum: LEDGER_ENTRY_TYPES },
    availableDelta: { type: Number, required: true },
    pendingDelta: { type: Number, required: true },
    spentDelta: { type: Number, required: true },
    reference: { type: Schema.Types.Mixed, default: {} },
    reasonCode: { type: String, default: null },
    note: { type: String, default: null },
    actor: { type: Schema.Types.Mixed, default: null },
    lot: { type: Schema.Types.Mixed, default: null },
    balanceAfter: { type: Schema.Types.Mixed, default: null },
    occurredAt: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'points_ledger', versionKey: false },
);
LedgerEntrySchema.index({ memberId: 1, recordedAt: -1, _id: -1 });
LedgerEntrySchema.plugin(outboxPlugin);

/**
 * The balance of one member: the single document every debit and credit changes atomically.
 * `_applied` holds the keys of the latest entries applied (guards retries); `_inflight` holds
 * entries applied here whose ledger line is not written yet (a crash in between is repaired by
 * the sweeper, which writes the line).
 */
export interface Balance {
  _id: string;
  available: number;
  pending: number;
  spent: number;
  updatedAt: Date;
}
export interface InflightEntry {
  key: string;
  at: Date;
  entry: LedgerEntry;
  events: unknown[];
}
export const BALANCE_MODEL = 'PointsBalance';
export const BalanceSchema = new Schema(
  {
    _id: { type: String, required: true },
    available: { type: Number, default: 0 },
    pending: { type: Number, default: 0 },
    spent: { type: Number, default: 0 },
    updatedAt: { type: Date },
    _applied: { type: [String], default: undefined, select: false },
    _inflight: { type: [Schema.Types.Mixed], default: undefined, select: false },
  },
  { collection: 'points_balances', versionKey: false },
);
BalanceSchema.index({ '_inflight.at': 1 }, { sparse: true });

/** A lot: one credit's points, its pending/released state, what returns took back from it. */
export interface Lot {
  _id: string;
  memberId: string;
  points: number;
  reversed: number;
  reversals: Array<{ key: string; points: number; fromPending: boolean }>;
  released: boolean;
  releasedAmount: number | null;
  releaseApplied: boolean;
  availableAt: Date;
  expiresAt: Date;
  expiryChecked: boolean;
}
export const LOT_MODEL = 'PointsLot';
export const LotSchema = new Schema(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    points: { type: Number, required: true },
    reversed: { type: Number, default: 0 },
    reversals: { type: [Schema.Types.Mixed], default: [] },
    released: { type: Boolean, required: true },
    releasedAmount: { type: Number, default: null },
    releaseApplied: { type: Boolean, required: true },
    availableAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    expiryChecked: { type: Boolean, default: false },
  },
  { collection: 'points_lots', versionKey: false },
);
LotSchema.index({ released: 1, availableAt: 1 });
LotSchema.index({ releaseApplied: 1 });
LotSchema.index({ expiryChecked: 1, expiresAt: 1 });
LotSchema.index({ memberId: 1, expiresAt: 1 });

/**
 * Points a member earned from sales on one UTC day (`<memberId>:<YYYY-MM-DD>`), for the daily cap.
 * Each sale reserves its share once (`keys`), by compare-and-set on `earned`, so concurrent sales
 * of one member can never pass the cap together; `before` lets a retry recompute the same result.
 */
export interface DailyEarning {
  _id: string;
  earned: number;
  keys: Array<{ key: string; points: number; before: number }>;
  expireAt: Date;
}
export const DAILY_EARNING_MODEL = 'PointsDailyEarning';
export const DailyEarningSchema = new Schema(
  {
    _id: { type: String, required: true },
    earned: { type: Number, required: true },
    keys: { type: [Schema.Types.Mixed], default: [] },
    expireAt: { type: Date, required: true },
  },
  { collection: 'points_daily_earnings', versionKey: false },
);
DailyEarningSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });
