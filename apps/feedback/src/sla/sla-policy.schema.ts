import { Schema } from 'mongoose';
import type { ActorRef } from '../cases/case.schema';

/** Policies per kind and severity (the defaults apply until one is stored). */
export interface SlaPolicyDoc {
  _id: string;
  version: number;
  targets: { acknowledge: number; answer: number; resolve: number };
  calendar?: 'calendar' | 'business';
  updatedAt: Date;
  updatedBy: ActorRef;
}
export const SLA_POLICY_MODEL = 'FeedbackSlaPolicy';
export const SlaPolicySchema = new Schema<SlaPolicyDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    targets: { type: Schema.Types.Mixed, required: true },
    calendar: { type: String, default: 'calendar' },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'feedback_sla_policies', versionKey: false },
);
