import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldViolation } from './domain-error';

/** Flatten class-validator errors into `field`/`rule` pairs with dotted, indexed paths. */
export function toViolations(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...toViolations(e.children ?? [], field)];
  });
}

/** The one validation pipe of every app: whitelist, reject unknown fields, transform. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toViolations(errors)),
  });
}
