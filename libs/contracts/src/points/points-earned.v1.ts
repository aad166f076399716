import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';

/** One earning rule's contribution (what a receipt prints). */
export class PointsRuleContributionV1 {
  /** Stable rule id, e.g. `base`, `category:electronics`, `tier`, `promotion:spring`, `cap.daily`. */
  @IsString() @MaxLength(128) rule!: string;
  @IsInt() points!: number;
}

/** Points were credited to a member for a purchase (at the till or through a later claim). */
export class PointsEarnedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(160) purchaseId!: string;
  @IsString() @MaxLength(64) storeId!: string;
  @IsInt() @Min(0) points!: number;
  /** `pending` until the return window ends (`availableAt`), or `available` at once. */
  @IsIn(['pending', 'available']) status!: 'pending' | 'available';
  @IsISO8601() availableAt!: string;
  @IsISO8601() expiresAt!: string;
  @IsInt() @Min(0) ruleVersion!: number;
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PointsRuleContributionV1)
  rules!: PointsRuleContributionV1[];
  /** When the sale happened. */
  @IsISO8601() occurredAt!: string;
}

export const PointsEarnedV1Event = defineEvent({
  type: 'points.earned',
  version: 1,
  description: 'Points were credited for a purchase (pending for the return window, then available).',
  payload: PointsEarnedV1,
  key: (p) => p.memberId,
});
