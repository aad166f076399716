import { Schema } from 'mongoose';

/**
 * What the segments service knows about a member, from member events: ids and marketing consent
 * only, no personal data. An erased member leaves a tombstone (id only, erased: true) so that a
 * late or replayed event can never make them contactable again.
 */
export interface AudienceMember {
  /** The member id. */
  _id: string;
  marketingGranted: boolean;
  /** `changedAt` of the consent change applied (null: no marketing consent event seen yet). */
  marketingChangedAt: Date | null;
  enrolledAt: Date | null;
  erased: boolean;
  erasedAt: Date | null;
}

export const AUDIENCE_MEMBER_MODEL = 'SegmentsAudienceMember';
export const AudienceMemberSchema = new Schema<AudienceMember>(
  {
    _id: { type: String, required: true },
    marketingGranted: { type: Boolean, required: true, default: false },
    marketingChangedAt: { type: Date, default: null },
    enrolledAt: { type: Date, default: null },
    erased: { type: Boolean, required: true, default: false },
    erasedAt: { type: Date, default: null },
  },
  { collection: 'segments_audience_members', versionKey: false },
);
