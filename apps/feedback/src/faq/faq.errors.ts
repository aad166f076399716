import { DomainError } from '@app/common';

/** Errors of the FAQ knowledge base, one stable code each. */
export const FaqErrors = {
  notFound: () => new DomainError('FEEDBACK.FAQ_NOT_FOUND', 'not_found', 'No such FAQ article'),
  unknownArticle: (id: string) =>
    new DomainError('REQUEST.VALIDATION_FAILED', 'invalid', `faqArticleId ${id} names no FAQ article`, {}, [
      { field: 'faqArticleId', rule: 'exists', message: 'faqArticleId must name an existing FAQ article' },
    ]),
};
