import { Schema } from 'mongoose';
import { outboxPlugin } from '@app/common';
import type { RuleContribution } from '../rules/calculate-earning';

export interface PurchaseLine {
  sku: string;
  category: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
}

export interface PurchaseReturnLine {
  sku: string;
  quantity: number;
  refundMinor: number;
}

/** What a sale earned (kept so a retry answers the same, and returns reverse in proportion). */
export interface PurchaseEarning {
  /** Points the sale earned under its rules. */
  points: number;
  /** Points actually credited (less than `points` when a claim came after a partial return). */
  creditedPoints: number;
  status: 'pending' | 'available';
  ruleVersion: number;
  rules: RuleContribution[];
  availableAt: Date;
  expiresAt: Date;
}

/**
 * `held`: far above the store's usual basket, its points wait for a review (not credited, its
 * purchase.recorded not yet published); released it becomes `credited`, reversed `hold_reversed`.
 */
export type PurchaseOutcome = 'credited' | 'unknown_member' | 'held' | 'hold_reversed';

export type HoldStatus = 'held' | 'released' | 'reversed';

/** Why a sale was held and what the review decided. */
export interface PurchaseHold {
  status: HoldStatus;
  medianMinor: number;
  thresholdMinor: number;
  history: number;
  heldAt: Date;
  decidedAt: Date | null;
  decidedBy: { id: string; role: string } | null;
  note: string | null;
}

/**
 * One POS sale, keyed by `${storeId}:${transactionId}`: the key makes the till's retries land on
 * the same document, whatever the concurrency. `requestHash` tells a retry from a different sale
 * reusing the key. No personal data: a card number or phone used to identify the member is not kept.
 */
export interface Purchase {
  _id: string;
  storeId: string;
  terminalId: string;
  transactionId: string;
  requestHash: string;
  identifiedBy: 'memberId' | 'cardNumber' | 'phone';
  outcome: PurchaseOutcome;
  memberId: string | null;
  occurredAt: Date;
  currency: string;
  totalMinor: number;
  lines: PurchaseLine[];
  earning: PurchaseEarning | null;
  /** Set when the sale was held for review (absent on sales recorded before holds existed). */
  hold?: PurchaseHold | null;
  claimableUntil: Date;
  claim: { memberId: string; claimedAt: Date } | null;
  returnedMinor: number;
  /** Each return's slice of the total and its lines by SKU (absent on returns recorded before lines were kept). */
  returns: Array<{ key: string; refundMinor: number; beforeMinor: number; lines?: PurchaseReturnLine[] }>;
  /** The answer given to the till (balance included), replayed on retries. */
  response: Record<string, unknown> | null;
  recordedAt: Date;
}
export const PURCHASE_MODEL = 'PointsPurchase';
export const PurchaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    terminalId: { type: String, required: true },
    transactionId: { type: String, required: true },
    requestHash: { type: String, required: true },
    identifiedBy: { type: String, required: true },
    outcome: { type: String, required: true },
    memberId: { type: String, default: null },
    occurredAt: { type: Date, required: true },
    currency: { type: String, required: true },
    totalMinor: { type: Number, required: true },
    lines: { type: [Schema.Types.Mixed], default: [] },
    earning: { type: Schema.Types.Mixed, default: null },
    hold: { type: Schema.Types.Mixed, default: null },
    claimableUntil: { type: Date, required: true },
    claim: { type: Schema.Types.Mixed, default: null },
    returnedMinor: { type: Number, default: 0 },
    returns: { type: [Schema.Types.Mixed], default: [] },
    response: { type: Schema.Types.Mixed, default: null },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'points_purchases', versionKey: false },
);
PurchaseSchema.index({ memberId: 1, occurredAt: -1 });
PurchaseSchema.index({ storeId: 1, recordedAt: -1 }); // a store's recent baskets (anomaly rule)
PurchaseSchema.index({ 'hold.status': 1, recordedAt: -1 }); // the review queue
PurchaseSchema.plugin(outboxPlugin);

/** One POS return, keyed by `${storeId}:${transactionId}` of the return itself. */
export interface SaleReturn {
  _id: string;
  requestHash: string;
  purchaseId: string;
  response: Record<string, unknown>;
  recordedAt: Date;
}
export const SALE_RETURN_MODEL = 'PointsSaleReturn';
export const SaleReturnSchema = new Schema<SaleReturn>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    purchaseId: { type: String, required: true },
    response: { type: Schema.Types.Mixed, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'points_returns', versionKey: false },
);
