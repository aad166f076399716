import { Schema } from 'mongoose';

/** One row per read of unmasked personal data: who, whose, what, when, why. */
export interface PersonalDataAccess {
  _id: string;
  memberId: string;
  actorId: string;
  actorRole: string;
  /** What was done: `read`, `lookup`, `export`. */
  action: string;
  fields: string[];
  reason: string;
  at: Date;
}

export const PERSONAL_DATA_ACCESS_MODEL = 'PersonalDataAccess';

export const PersonalDataAccessSchema = new Schema<PersonalDataAccess>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    actorId: { type: String, required: true },
    actorRole: { type: String, required: true },
    action: { type: String, required: true },
    fields: { type: [String], required: true },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'personal_data_access_log', versionKey: false },
);
PersonalDataAccessSchema.index({ memberId: 1, at: -1 });
PersonalDataAccessSchema.index({ actorId: 1, at: -1 });
PersonalDataAccessSchema.index({ at: -1, _id: -1 });
