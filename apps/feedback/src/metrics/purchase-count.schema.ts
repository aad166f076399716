import { Schema } from 'mongoose';

/** Purchases per store and UTC day, from purchase.recorded (the denominator of the complaint rate). */
export interface PurchaseCount {
  _id: string;
  storeId: string;
  day: string;
  count: number;
}
export const PURCHASE_COUNT_MODEL = 'FeedbackPurchaseCount';
export const PurchaseCountSchema = new Schema<PurchaseCount>(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    day: { type: String, required: true },
    count: { type: Number, required: true },
  },
  { collection: 'feedback_purchase_counts', versionKey: false },
);
PurchaseCountSchema.index({ storeId: 1, day: 1 });
