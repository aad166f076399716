import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A customer rated a resolved case (1-5); a low score opened a follow-up case. Churn signal. */
export class SurveyCompletedV1 {
  @IsString() @MaxLength(64) surveyId!: string;
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsInt() @Min(1) @Max(5) score!: number;
  @IsBoolean() satisfied!: boolean;
  @IsOptional() @IsString() @MaxLength(64) followUpCaseId!: string | null;
  @IsISO8601() completedAt!: string;
}

export const SurveyCompletedV1Event = defineEvent({
  type: 'feedback.survey.completed',
  version: 1,
  description: 'A satisfaction survey was answered (score 1-5; 4-5 count as satisfied).',
  payload: SurveyCompletedV1,
  key: (p) => p.memberId ?? p.caseId,
});
