import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/**
 * Published by the feedback service when a complaint resolution grants points as compensation.
 * The points service credits them once (key: compensationId).
 */
export class PointsCompensationGrantedV1 {
  @IsString() @MaxLength(64) compensationId!: string;
  @IsString() @MaxLength(64) memberId!: string;
  @IsInt() @Min(1) @Max(1_000_000) points!: number;
  /** The complaint/case the compensation resolves. */
  @IsString() @MaxLength(64) caseId!: string;
  @Matches(/^[a-z0-9_.-]{1,64}$/) reasonCode!: string;
  @IsISO8601() grantedAt!: string;
}

export const PointsCompensationGrantedV1Event = defineEvent({
  type: 'points.compensation.granted',
  version: 1,
  description: 'Feedback granted points to a member as compensation (applied once by points).',
  payload: PointsCompensationGrantedV1,
  key: (p) => p.memberId,
});
