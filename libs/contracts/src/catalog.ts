import type { EventDefinition } from './event-definition';
import { MemberBirthdayV1Event } from './members/member-birthday.v1';
import { MemberConsentChangedV1Event } from './members/member-consent-changed.v1';
import { MemberEnrolledV1Event } from './members/member-enrolled.v1';
import { MemberErasedV1Event } from './members/member-erased.v1';
import { MemberTierChangedV1Event } from './members/member-tier-changed.v1';
import { MemberUpdatedV1Event } from './members/member-updated.v1';
import { PurchaseRecordedV1Event } from './points/purchase-recorded.v1';
import { PurchaseReturnedV1Event } from './points/purchase-returned.v1';
import { PointsEarnedV1Event } from './points/points-earned.v1';
import { PointsPendingReleasedV1Event } from './points/points-pending-released.v1';
import { PointsRedeemedV1Event } from './points/points-redeemed.v1';
import { PointsExpiredV1Event } from './points/points-expired.v1';
import { PointsAdjustedV1Event } from './points/points-adjusted.v1';
import { PointsReversedV1Event } from './points/points-reversed.v1';
import { CampaignMessageRequestedV1Event } from './segments/campaign-message-requested.v1';
// segments: RFM segments, lifecycle stages, campaign rewards (issue 10)
import { LifecycleStageChangedV1Event } from './segments/lifecycle-stage-changed.v1';
import { SegmentEnteredV1Event } from './segments/segment-entered.v1';
import { SegmentExitedV1Event } from './segments/segment-exited.v1';
import { CampaignPointsGrantedV1Event } from './segments/campaign-points-granted.v1';
import { PointsCompensationGrantedV1Event } from './feedback/points-compensation-granted.v1';
import { CaseOpenedV1Event } from './feedback/case-opened.v1';
import { CaseAcknowledgedV1Event } from './feedback/case-acknowledged.v1';
import { CaseResolvedV1Event } from './feedback/case-resolved.v1';
import { CaseReopenedV1Event } from './feedback/case-reopened.v1';
import { CaseSlaWarningV1Event } from './feedback/case-sla-warning.v1';
import { CaseSlaBreachedV1Event } from './feedback/case-sla-breached.v1';
import { CaseEscalatedV1Event } from './feedback/case-escalated.v1';
import { SurveyRequestedV1Event } from './feedback/survey-requested.v1';
import { SurveyCompletedV1Event } from './feedback/survey-completed.v1';
import { CouponIssuedV1Event } from './points/coupon-issued.v1';
import { CouponRedeemedV1Event } from './points/coupon-redeemed.v1';
import { CouponGrantRequestedV1Event } from './points/coupon-grant-requested.v1';
import { CouponGrantedV1Event } from './points/coupon-granted.v1';
import { CouponGrantRefusedV1Event } from './points/coupon-grant-refused.v1';

/**
 * The event catalogue: every event the platform publishes, by name (= Kafka topic).
 * Topic names live here and nowhere else. Never rename one without a migration note in
 * docs/events.md: a new payload version is a new entry and a new topic.
 * Add one line per event; keep the groups (members, points, segments, feedback) together.
 */
export const EventCatalog = {
  // members
  [MemberEnrolledV1Event.name]: MemberEnrolledV1Event,
  [MemberTierChangedV1Event.name]: MemberTierChangedV1Event,
  [MemberBirthdayV1Event.name]: MemberBirthdayV1Event,
  [MemberErasedV1Event.name]: MemberErasedV1Event,
  [MemberConsentChangedV1Event.name]: MemberConsentChangedV1Event,
  [MemberUpdatedV1Event.name]: MemberUpdatedV1Event,
  // points
  [PurchaseRecordedV1Event.name]: PurchaseRecordedV1Event,
  [PurchaseReturnedV1Event.name]: PurchaseReturnedV1Event,
  [PointsEarnedV1Event.name]: PointsEarnedV1Event,
  [PointsPendingReleasedV1Event.name]: PointsPendingReleasedV1Event,
  [PointsRedeemedV1Event.name]: PointsRedeemedV1Event,
  [PointsExpiredV1Event.name]: PointsExpiredV1Event,
  [PointsAdjustedV1Event.name]: PointsAdjustedV1Event,
  [PointsReversedV1Event.name]: PointsReversedV1Event,
  [CouponIssuedV1Event.name]: CouponIssuedV1Event,
  [CouponRedeemedV1Event.name]: CouponRedeemedV1Event,
  [CouponGrantRequestedV1Event.name]: CouponGrantRequestedV1Event,
  [CouponGrantedV1Event.name]: CouponGrantedV1Event,
  [CouponGrantRefusedV1Event.name]: CouponGrantRefusedV1Event,
  // segments
  [CampaignMessageRequestedV1Event.name]: CampaignMessageRequestedV1Event,
  // segments: RFM segments, lifecycle stages, campaign rewards (issue 10)
  [LifecycleStageChangedV1Event.name]: LifecycleStageChangedV1Event,
  [SegmentEnteredV1Event.name]: SegmentEnteredV1Event,
  [SegmentExitedV1Event.name]: SegmentExitedV1Event,
  [CampaignPointsGrantedV1Event.name]: CampaignPointsGrantedV1Event,
  // feedback
  [PointsCompensationGrantedV1Event.name]: PointsCompensationGrantedV1Event,
  [CaseOpenedV1Event.name]: CaseOpenedV1Event,
  [CaseAcknowledgedV1Event.name]: CaseAcknowledgedV1Event,
  [CaseResolvedV1Event.name]: CaseResolvedV1Event,
  [CaseReopenedV1Event.name]: CaseReopenedV1Event,
  [CaseSlaWarningV1Event.name]: CaseSlaWarningV1Event,
  [CaseSlaBreachedV1Event.name]: CaseSlaBreachedV1Event,
  [CaseEscalatedV1Event.name]: CaseEscalatedV1Event,
  [SurveyRequestedV1Event.name]: SurveyRequestedV1Event,
  [SurveyCompletedV1Event.name]: SurveyCompletedV1Event,
} as const;

export type EventName = keyof typeof EventCatalog;
type DefinitionOf<N extends EventName> = (typeof EventCatalog)[N];
/** The payload type of an event name: `PayloadOf<'points.earned.v1'>`. */
export type PayloadOf<N extends EventName> = DefinitionOf<N> extends EventDefinition<infer P> ? P : never;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(EventCatalog, name);
}

export function allEventDefinitions(): EventDefinition[] {
  return Object.values(EventCatalog);
}
