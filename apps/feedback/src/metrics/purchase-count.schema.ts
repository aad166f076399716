import { Schema } from 'mongoose';

/** Purchases per store and UTC day, from purchase.recorded (the denominator of the complaint rate). */
export interface PurchaseCount {
  _id: string;
  storeId: string;
  day: string;
  count: number;
}
export const PURCHASE_COUNT_MODEL = 'FeedbackPurchaseCount';
export const PurchaseCountSchema = new Schema(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    day: { type: String, required: true },
    count: { type: Number, required: true },
    /** Ids of the last events counted (see onceFilter): a redelivery counts nothing. */
    _appliedEvents: { type: [String], default: undefined, select: false },
  },
  { collection: 'feedback_purchase_counts', versionKey: false },
);
PurchaseCountSchema.index({ storeId: 1, day: 1 });
