import { IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A resolved or closed case was reopened within the reopen window. */
export class CaseReopenedV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  /** 1 for the first reopening. */
  @IsInt() @Min(1) cycle!: number;
  @IsISO8601() reopenedAt!: string;
}

export const CaseReopenedV1Event = defineEvent({
  type: 'feedback.case.reopened',
  version: 1,
  description: 'A feedback case was reopened; its resolve deadline restarts.',
  payload: CaseReopenedV1,
  key: (p) => p.memberId ?? p.caseId,
});
