import { Schema } from 'mongoose';

/**
 * One row per purchase or return that counts toward tiers: the audit trail (export, review of a
 * closed period). `_id` derives from the purchase or return id, so a redelivered event cannot
 * insert twice. Running totals per day live on the member document (see MemberTierRepository);
 * `settled` records that a row is counted there once its key has left the member's guard list.
 */
export interface QualifyingSpendEntry {
  _id: string;
  memberId: string;
  kind: 'purchase' | 'return';
  purchaseId: string;
  /** Signed: purchases positive, returns negative. */
  amountMinor: number;
  currency: string;
  /** When it counts: the sale time (a return counts at the time of the sale it reverses). */
  countsAt: Date;
  eventId: string;
  recordedAt: Date;
  /** Counted in the member's `spendByDay`, and no longer listed in its `_spendApplied`. */
  settled?: boolean;
}

export const QUALIFYING_SPEND_MODEL = 'QualifyingSpendEntry';

export const QualifyingSpendSchema = new Schema<QualifyingSpendEntry>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    kind: { type: String, enum: ['purchase', 'return'], required: true },
    purchaseId: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    countsAt: { type: Date, required: true },
    eventId: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    settled: { type: Boolean },
  },
  { collection: 'qualifying_spend', versionKey: false },
);
QualifyingSpendSchema.index({ memberId: 1, countsAt: 1 });
