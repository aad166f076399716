import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((msg) => (msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`)));
}

/**
 * Parse and validate environment variables into an instance of `envClass`. Unknown variables
 * are ignored; defaults declared on the class apply when a variable is absent.
 */
export function validateEnv<T extends object>(envClass: new () => T, source: NodeJS.ProcessEnv | Record<string, string | undefined>): T {
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(envClass, defined, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) throw new InvalidEnvironmentError(describe(errors));
  return instance;
}
