import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const ESCALATION_REASONS = ['sla_breach_acknowledge', 'sla_breach_answer', 'sla_breach_resolve', 'manual'] as const;

/** The case's escalation level rose (leadership group); it is assigned to the supervisor team. */
export class CaseEscalatedV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsInt() @Min(1) @Max(10) level!: number;
  @IsIn(ESCALATION_REASONS) reason!: string;
  @IsISO8601() escalatedAt!: string;
}

export const CaseEscalatedV1Event = defineEvent({
  type: 'feedback.case.escalated',
  version: 1,
  description: 'A case was escalated one level (SLA breach or by hand) and assigned to supervisors.',
  payload: CaseEscalatedV1,
  key: (p) => p.memberId ?? p.caseId,
});
