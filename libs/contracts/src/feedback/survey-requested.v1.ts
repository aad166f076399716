import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/**
 * A satisfaction survey for a resolved case: the messaging side delivers the link with this
 * one-time token (the only credential the customer needs; feedback stores its hash only).
 */
export class SurveyRequestedV1 {
  @IsString() @MaxLength(64) surveyId!: string;
  @IsString() @MaxLength(64) caseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @Matches(/^[A-Za-z0-9_-]{20,128}$/) token!: string;
  @IsISO8601() expiresAt!: string;
}

export const SurveyRequestedV1Event = defineEvent({
  type: 'feedback.survey.requested',
  version: 1,
  description: 'A satisfaction survey (one-time token) is to be sent for a resolved case.',
  payload: SurveyRequestedV1,
  key: (p) => p.memberId ?? p.caseId,
});
