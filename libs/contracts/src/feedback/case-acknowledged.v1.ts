import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The case was accepted (acknowledged) by service staff. */
export class CaseAcknowledgedV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsString() @MaxLength(64) actorId!: string;
  @IsISO8601() acknowledgedAt!: string;
}

export const CaseAcknowledgedV1Event = defineEvent({
  type: 'feedback.case.acknowledged',
  version: 1,
  description: 'A feedback case was acknowledged by staff.',
  payload: CaseAcknowledgedV1,
  key: (p) => p.memberId ?? p.caseId,
});
