import { Schema } from 'mongoose';

/** Hits of one rate-limit key in one fixed window, summed over every gateway instance. */
export interface RateLimitWindow {
  /** `<key>|<window start ms>` */
  _id: string;
  start: number;
  count: number;
}

export const RATE_LIMIT_WINDOW_MODEL = 'RateLimitWindow';
export const RateLimitWindowSchema = new Schema<RateLimitWindow>(
  {
    _id: { type: String, required: true },
    start: { type: Number, required: true, index: true },
    count: { type: Number, required: true },
  },
  { collection: 'rate_limit_windows', versionKey: false },
);
