import { IsInt, IsISO8601, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Points earned on a sale were taken back because goods were returned. */
export class PointsReversedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(160) purchaseId!: string;
  @IsString() @MaxLength(160) returnId!: string;
  @IsInt() @Min(0) points!: number;
  /** Part taken from pending points (return inside the window). */
  @IsInt() @Min(0) fromPending!: number;
  /** Part taken from available points (may push the balance below zero). */
  @IsInt() @Min(0) fromAvailable!: number;
  @IsISO8601() occurredAt!: string;
}

export const PointsReversedV1Event = defineEvent({
  type: 'points.reversed',
  version: 1,
  description: 'Points of a purchase were reversed in proportion to a refund.',
  payload: PointsReversedV1,
  key: (p) => p.memberId,
});
