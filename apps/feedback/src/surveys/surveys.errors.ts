import { DomainError } from '@app/common';

/** Errors of satisfaction surveys, one stable code each. */
export const SurveysErrors = {
  notFound: () => new DomainError('FEEDBACK.SURVEY_NOT_FOUND', 'not_found', 'No survey with this token'),
  alreadyAnswered: () => new DomainError('FEEDBACK.SURVEY_ALREADY_ANSWERED', 'gone', 'This survey was already answered; thank you'),
  expired: () => new DomainError('FEEDBACK.SURVEY_EXPIRED', 'gone', 'This survey has expired'),
};
