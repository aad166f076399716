import { IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { SLA_CLOCKS } from './case-sla-warning.v1';

/** A case deadline passed unmet. Once per case, clock and cycle; followed by an escalation. */
export class CaseSlaBreachedV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsIn(SLA_CLOCKS) clock!: string;
  @IsInt() @Min(0) cycle!: number;
  @IsISO8601() dueAt!: string;
  @IsISO8601() breachedAt!: string;
}

export const CaseSlaBreachedV1Event = defineEvent({
  type: 'feedback.case.sla-breached',
  version: 1,
  description: 'A case deadline passed unmet (acknowledge, answer or resolve clock).',
  payload: CaseSlaBreachedV1,
  key: (p) => p.memberId ?? p.caseId,
});
