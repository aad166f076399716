import { Schema } from 'mongoose';
import type { ConsentPurpose } from '@app/contracts';

/**
 * What the segments service knows about a member, from member events: ids, consents (marketing
 * decides who may be contacted, analytics who may be profiled), tier and preferred store for
 * audience filters. No personal data. An erased member leaves a tombstone (id only, erased: true)
 * so that a late or replayed event can never make them contactable or profiled again.
 */
export interface AudienceMember {
  /** The member id. */
  _id: string;
  marketingGranted: boolean;
  /** `changedAt` of the marketing consent change applied (null: no marketing consent event seen yet). */
  marketingChangedAt: Date | null;
  analyticsGranted: boolean;
  analyticsChangedAt: Date | null;
  enrolledAt: Date | null;
  tier: string | null;
  /** `changedAt` of the tier applied (enrolment or the latest tier change). */
  tierChangedAt: Date | null;
  preferredStoreId: string | null;
  erased: boolean;
  erasedAt: Date | null;
}

/** The fields holding one purpose's consent. */
export const CONSENT_FIELDS: Record<
  ConsentPurpose,
  { granted: 'marketingGranted' | 'analyticsGranted'; changedAt: 'marketingChangedAt' | 'analyticsChangedAt' }
> = {
  marketing: { granted: 'marketingGranted', changedAt: 'marketingChangedAt' },
  analytics: { granted: 'analyticsGranted', changedAt: 'analyticsChangedAt' },
};

/** A member the projection has not heard of yet: known by id, nothing granted. */
export function unknownMember(memberId: string): AudienceMember {
  return {
    _id: memberId,
    marketingGranted: false,
    marketingChangedAt: null,
    analyticsGranted: false,
    analyticsChangedAt: null,
    enrolledAt: null,
    tier: null,
    tierChangedAt: null,
    preferredStoreId: null,
    erased: false,
    erasedAt: null,
  };
}

export const AUDIENCE_MEMBER_MODEL = 'SegmentsAudienceMember';
export const AudienceMemberSchema = new Schema<AudienceMember>(
  {
    _id: { type: String, required: true },
    marketingGranted: { type: Boolean, required: true, default: false },
    marketingChangedAt: { type: Date, default: null },
    analyticsGranted: { type: Boolean, required: true, default: false },
    analyticsChangedAt: { type: Date, default: null },
    enrolledAt: { type: Date, default: null },
    tier: { type: String, default: null },
    tierChangedAt: { type: Date, default: null },
    preferredStoreId: { type: String, default: null },
    erased: { type: Boolean, required: true, default: false },
    erasedAt: { type: Date, default: null },
  },
  { collection: 'segments_audience_members', versionKey: false },
);
AudienceMemberSchema.index({ tier: 1 });
AudienceMemberSchema.index({ preferredStoreId: 1 });
