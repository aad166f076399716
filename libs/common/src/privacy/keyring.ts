import { Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/** Parse `k1:base64,k2:base64` into key id -> 32-byte key; throws naming the bad entry. */
export function parseKeyring(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('no keys');
  for (const entry of entries) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error(`bad key id in entry #${keys.size + 1}`);
    if (keys.has(id)) throw new Error(`duplicate key id ${id}`);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (key.length !== 32) throw new Error(`key ${id} is ${key.length} bytes, not 32`);
    keys.set(id, key);
  }
  return keys;
}

@ValidatorConstraint({ name: 'isKeyring' })
class KeyringConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return keyringProblem(value) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be "id:base64key,id:base64key" with 32-byte keys (${keyringProblem(args.value) ?? 'invalid'})`;
  }
}

@ValidatorConstraint({ name: 'isKnownKeyId' })
class KnownKeyIdConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [keyringProperty] = args.constraints as [string];
    try {
      return parseKeyring(String((args.object as Record<string, unknown>)[keyringProperty])).has(String(value));
    } catch {
      return false;
    }
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must name one of the keys in ${String(args.constraints[0])}`;
  }
}

function keyringProblem(value: unknown): string | null {
  try {
    parseKeyring(String(value));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Env variable holding a keyring (`k1:<base64 32 bytes>,k2:...`); the message never shows key material. */
export const IsKeyring = (): PropertyDecorator => Validate(KeyringConstraint);
/** Env variable naming the active key, which must be one of the keyring in `keyringProperty`. */
export const IsKeyIdOf = (keyringProperty: string): PropertyDecorator => Validate(KnownKeyIdConstraint, [keyringProperty]);
