import { Schema } from 'mongoose';

/**
 * One line per purchase seen in purchase.recorded (the denominator of the complaint rate), keyed
 * by purchase id: a claim re-announces a purchase with the member id, which must not count twice.
 */
export interface PurchaseSeen {
  _id: string;
  storeId: string;
  /** UTC day of the sale, YYYY-MM-DD. */
  day: string;
}
export const PURCHASE_SEEN_MODEL = 'FeedbackPurchaseSeen';
export const PurchaseSeenSchema = new Schema(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    day: { type: String, required: true },
  },
  { collection: 'feedback_purchases', versionKey: false },
);
PurchaseSeenSchema.index({ storeId: 1, day: 1 });
