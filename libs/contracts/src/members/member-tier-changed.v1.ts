import { IsIn, IsInt, IsISO8601, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const TIER_CHANGE_REASONS = ['qualified', 'review_downgrade', 'staff_override', 'override_expired', 'enrolment', 'return_adjustment'] as const;
export type TierChangeReason = (typeof TIER_CHANGE_REASONS)[number];

/** A member moved between tiers. Carries the new tier's earn multiplier for the points service. */
export class MemberTierChangedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(64) fromTier!: string;
  @IsString() @MaxLength(64) toTier!: string;
  @IsIn(TIER_CHANGE_REASONS) reason!: TierChangeReason;
  /** Earn multiplier of `toTier` in percent (100 = 1x, 150 = 1.5x). */
  @IsInt() @Min(0) @Max(10000) earnMultiplierPercent!: number;
  @IsISO8601() changedAt!: string;
}

export const MemberTierChangedV1Event = defineEvent({
  type: 'member.tier.changed',
  version: 1,
  description: 'A member changed tier (upgrade, downgrade at review, staff override).',
  payload: MemberTierChangedV1,
  key: (p) => p.memberId,
});
