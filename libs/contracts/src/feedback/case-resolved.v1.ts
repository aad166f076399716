import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CASE_OUTCOMES = ['refund', 'exchange', 'repair', 'compensation_points', 'coupon', 'apology', 'process_change', 'information'] as const;

/** The case was resolved: the customer is told the result (a messaging service sends it). */
export class CaseResolvedV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsArray() @ArrayMaxSize(8) @IsIn(CASE_OUTCOMES, { each: true }) outcomes!: string[];
  /** Points granted (0 when none, or still awaiting a supervisor's approval). */
  @IsInt() @Min(0) compensationPoints!: number;
  @IsISO8601() resolvedAt!: string;
}

export const CaseResolvedV1Event = defineEvent({
  type: 'feedback.case.resolved',
  version: 1,
  description: 'A feedback case was resolved with outcome codes; tells the customer (no free text).',
  payload: CaseResolvedV1,
  key: (p) => p.memberId ?? p.caseId,
});
