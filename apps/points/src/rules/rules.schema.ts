import { Schema } from 'mongoose';
import type { EarningRules } from './earning-rules';

/** One version of the earning rules. Versions are never changed; a new one supersedes from its effectiveFrom. */
export interface EarningRuleSetDoc {
  _id: number;
  effectiveFrom: Date;
  rules: EarningRules;
  createdBy: { id: string; role: string };
  createdAt: Date;
}
export const RULE_SET_MODEL = 'PointsEarningRuleSet';
export const RuleSetSchema = new Schema<EarningRuleSetDoc>(
  {
    _id: { type: Number, required: true },
    effectiveFrom: { type: Date, required: true },
    rules: { type: Schema.Types.Mixed, required: true },
    createdBy: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'points_rule_sets', versionKey: false },
);
