import { Schema } from 'mongoose';

/**
 * What the points service knows about a member: the id, the tier and its earn multiplier, and the
 * UTC day of the latest birthday event (for the birthday bonus). No personal data. An erased
 * member leaves a tombstone (id only) so that replayed events cannot bring it back.
 */
export interface MemberRef {
  _id: string;
  tier: string | null;
  earnMultiplierPercent: number;
  tierChangedAt: Date | null;
  birthdayOn: string | null;
  erased: boolean;
}
export const MEMBER_REF_MODEL = 'PointsMemberRef';
export const MemberRefSchema = new Schema<MemberRef>(
  {
    _id: { type: String, required: true },
    tier: { type: String, default: null },
    earnMultiplierPercent: { type: Number, default: 100 },
    tierChangedAt: { type: Date, default: null },
    birthdayOn: { type: String, default: null },
    erased: { type: Boolean, default: false },
  },
  { collection: 'points_member_refs', versionKey: false },
);
