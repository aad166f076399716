import { IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const SLA_CLOCKS = ['acknowledge', 'answer', 'resolve'] as const;

/** 75 % of a case deadline has passed and the clock is not met. Once per case, clock and cycle. */
export class CaseSlaWarningV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsIn(SLA_CLOCKS) clock!: string;
  @IsInt() @Min(0) cycle!: number;
  @IsISO8601() dueAt!: string;
  @IsISO8601() warnedAt!: string;
}

export const CaseSlaWarningV1Event = defineEvent({
  type: 'feedback.case.sla-warning',
  version: 1,
  description: 'A case deadline is 75 % used (acknowledge, answer or resolve clock).',
  payload: CaseSlaWarningV1,
  key: (p) => p.memberId ?? p.caseId,
});
