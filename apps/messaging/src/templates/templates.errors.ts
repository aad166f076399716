import { DomainError, ValidationFailedError, type FieldViolation } from '@app/common';
import { LOCALES, MESSAGE_KINDS } from './message-kinds';

/** Every error of the templates feature, one stable code each. */
export const TemplatesErrors = {
  unknownKind: () => new ValidationFailedError([{ field: 'kind', rule: 'isIn', message: `kind must be one of ${MESSAGE_KINDS.join(', ')}` }]),
  unknownLocale: () => new ValidationFailedError([{ field: 'locale', rule: 'isIn', message: `locale must be one of ${LOCALES.join(', ')}` }]),
  invalidTemplate: (violations: FieldViolation[]) => new ValidationFailedError(violations, 'TEMPLATES.INVALID'),
  missingPreviewValues: (missing: string[]) =>
    new DomainError('TEMPLATES.PREVIEW_VALUES_MISSING', 'invalid', `No value for ${missing.map((m) => `{{${m}}}`).join(', ')}`, { missing }, missing.map((m) => ({ field: `values.${m}`, rule: 'isNotEmpty', message: `a preview needs a value for {{${m}}}` }))),
};
