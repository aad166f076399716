import { IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The services that may ask points to grant a coupon (the `source` of a grant). */
export const COUPON_GRANT_SOURCES = ['feedback', 'segments'] as const;
export type CouponGrantSource = (typeof COUPON_GRANT_SOURCES)[number];
/** A grant id (chosen by the source) and a reward id: up to 64 of letters, digits and `_.:-`. */
export const COUPON_GRANT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Another service asks the points service to give a member a coupon of a reward, free of points.
 * Points issues it once per `grantId` (a redelivered or re-sent grant issues nothing new) and
 * answers with `coupon.granted.v1` or `coupon.grant.refused.v1`. Ids only, no personal data.
 */
export class CouponGrantRequestedV1 {
  /** Unique per grant, chosen by the source (e.g. `fb-<caseId>-<resolution>`, `grt_<uuid>`). */
  @Matches(COUPON_GRANT_ID) grantId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  /** The reward (points' catalogue) whose coupon is granted: its validity applies. */
  @Matches(COUPON_GRANT_ID) rewardId!: string;
  @IsIn(COUPON_GRANT_SOURCES) source!: CouponGrantSource;
  @Matches(/^[a-z0-9_.-]{1,64}$/) reasonCode!: string;
  /** What the grant is for in the source service (a case id, a campaign id). */
  @IsString() @MaxLength(64) sourceRef!: string;
  @IsISO8601() requestedAt!: string;
}

export const CouponGrantRequestedV1Event = defineEvent({
  type: 'coupon.grant.requested',
  version: 1,
  description: 'Sent to points by feedback or segments (`source`): grant a member a coupon of a reward, free of points (issued once per grantId).',
  payload: CouponGrantRequestedV1,
  key: (p) => p.memberId,
});
