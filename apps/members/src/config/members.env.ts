import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { BaseEnv, COUNTRY_CALLING_CODES, parseKeyring } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

@ValidatorConstraint({ name: 'isKeyring' })
class IsKeyring implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    try {
      parseKeyring(String(value));
      return true;
    } catch (err) {
      this.problem = err instanceof Error ? err.message : String(err);
      return false;
    }
  }
  defaultMessage(): string {
    return `MEMBERS_ENCRYPTION_KEYS must be "id:base64key,id:base64key" with 32-byte keys (${this.problem})`;
  }
}

@ValidatorConstraint({ name: 'isKnownKeyId' })
class IsKnownKeyId implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    try {
      return parseKeyring(String((args.object as MembersEnv).MEMBERS_ENCRYPTION_KEYS)).has(String(value));
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'MEMBERS_ACTIVE_KEY_ID must name one of the keys in MEMBERS_ENCRYPTION_KEYS';
  }
}

/** Environment of the members service (validated at start-up; see BaseEnv for the shared variables). */
export class MembersEnv extends BaseEnv {
  /** Data-encryption keys for personal fields (AES-256-GCM): `k1:<base64 32 bytes>,k2:<base64 32 bytes>`. Old keys stay to decrypt. */
  @IsString() @Validate(IsKeyring)
  MEMBERS_ENCRYPTION_KEYS!: string;

  /** Key id new ciphertexts are written with (rotation = add a key and switch this). */
  @IsString() @Validate(IsKnownKeyId)
  MEMBERS_ACTIVE_KEY_ID!: string;

  /** Secret for the HMAC-SHA256 blind indexes of phone, email and birthday month-day (base64, >= 32 bytes). */
  @IsString() @Matches(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, { message: 'MEMBERS_HASH_KEY must be base64 of at least 32 bytes' })
  MEMBERS_HASH_KEY!: string;

  /** Region whose calling code applies to phone numbers given without one (ISO 3166 alpha-2). */
  @IsIn(Object.keys(COUNTRY_CALLING_CODES))
  DEFAULT_PHONE_REGION = 'CN';

  /** Currency of qualifying spend (purchases in another currency do not count toward tiers). */
  @Matches(/^[A-Z]{3}$/)
  MEMBERS_TIER_CURRENCY = 'CNY';

  /** Qualifying window: the last 12 months, or the calendar year so far. */
  @IsIn(['rolling_12_months', 'calendar_year'])
  MEMBERS_TIER_QUALIFICATION: 'rolling_12_months' | 'calendar_year' = 'rolling_12_months';

  /** Days after a member's review date before a downgrade takes effect. */
  @Transform(toInt) @IsInt() @Min(0) @Max(365)
  MEMBERS_TIER_GRACE_DAYS = 30;

  /** Members inactive this many days are anonymised by the retention job. */
  @Transform(toInt) @IsInt() @Min(30) @Max(36500)
  MEMBERS_RETENTION_INACTIVE_DAYS = 1095;

  /** Period of the built-in scheduler running the daily jobs (birthdays, reviews, retention); 0 = off (jobs via the admin endpoints only). */
  @Transform(toInt) @IsInt() @Min(0) @Max(86400000)
  MEMBERS_JOBS_INTERVAL_MS = 3600000;
}
