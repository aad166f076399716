export * from './envelope';
export * from './event-definition';
export * from './catalog';
// members
export * from './members/member-enrolled.v1';
export * from './members/member-tier-changed.v1';
export * from './members/member-birthday.v1';
export * from './members/member-erased.v1';
export * from './members/member-consent-changed.v1';
export * from './members/member-updated.v1';
// points
export * from './points/purchase-recorded.v1';
export * from './points/purchase-returned.v1';
export * from './points/points-earned.v1';
export * from './points/points-pending-released.v1';
export * from './points/points-redeemed.v1';
export * from './points/points-expired.v1';
export * from './points/points-adjusted.v1';
export * from './points/points-reversed.v1';
export * from './points/coupon-issued.v1';
export * from './points/coupon-redeemed.v1';
export * from './points/coupon-grant-requested.v1';
export * from './points/coupon-granted.v1';
export * from './points/coupon-grant-refused.v1';
// segments
export * from './segments/campaign-message-requested.v1';
// segments: RFM segments, lifecycle stages, campaign rewards (issue 10)
export * from './segments/segmentation';
export * from './segments/lifecycle-stage-changed.v1';
export * from './segments/segment-entered.v1';
export * from './segments/segment-exited.v1';
export * from './segments/campaign-points-granted.v1';
// feedback
export * from './feedback/points-compensation-granted.v1';
export * from './feedback/case-opened.v1';
export * from './feedback/case-acknowledged.v1';
export * from './feedback/case-resolved.v1';
export * from './feedback/case-reopened.v1';
export * from './feedback/case-sla-warning.v1';
export * from './feedback/case-sla-breached.v1';
export * from './feedback/case-escalated.v1';
export * from './feedback/survey-requested.v1';
export * from './feedback/survey-completed.v1';
