import { Schema } from 'mongoose';
import type { TierDefinition } from './tier-rules';

/** The tier programme, stored so that it changes without code. One document: `_id: 'current'`. */
export interface TierConfig {
  _id: string;
  tiers: TierDefinition[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export const TIER_CONFIG_MODEL = 'TierConfig';

export const TierConfigSchema = new Schema<TierConfig>(
  {
    _id: { type: String, required: true },
    tiers: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'tier_config', versionKey: false },
);
