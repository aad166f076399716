import { IsIn, IsInt, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Staff adjusted a balance by hand (audited: who and why; the free-text note stays in the service). */
export class PointsAdjustedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(200) adjustmentId!: string;
  /** Signed: positive credits, negative debits. */
  @IsInt() points!: number;
  @Matches(/^[a-z0-9_.-]{1,64}$/) reasonCode!: string;
  @IsString() @MaxLength(64) actorId!: string;
  @IsIn(['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor', 'customer', 'pos', 'system'])
  actorRole!: string;
  @IsISO8601() occurredAt!: string;
}

export const PointsAdjustedV1Event = defineEvent({
  type: 'points.adjusted',
  version: 1,
  description: 'A manual (or compensation) adjustment of a member balance.',
  payload: PointsAdjustedV1,
  key: (p) => p.memberId,
});
