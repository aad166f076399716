import { DomainError, ValidationFailedError, type FieldViolation } from '@app/common';

/** Every error of the templates feature, one stable code each. */
export const TemplatesErrors = {
  invalidTemplate: (violations: FieldViolation[]) => new ValidationFailedError(violations, 'TEMPLATES.INVALID'),
  missingPreviewValues: (missing: string[]) =>
    new DomainError(
      'TEMPLATES.PREVIEW_VALUES_MISSING',
      'invalid',
      `No value for ${missing.map((m) => `{{${m}}}`).join(', ')}`,
      { missing },
      missing.map((m) => ({ field: `values.${m}`, rule: 'isNotEmpty', message: `a preview needs a value for {{${m}}}` })),
    ),
};
