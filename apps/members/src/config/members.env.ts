import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BaseEnv, COUNTRY_CALLING_CODES, IsKeyIdOf, IsKeyring } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Environment of the members service (validated at start-up; see BaseEnv for the shared variables). */
export class MembersEnv extends BaseEnv {
  /** Data-encryption keys for personal fields (AES-256-GCM): `k1:<base64 32 bytes>,k2:<base64 32 bytes>`. Old keys stay to decrypt. */
  @IsString()
  @IsKeyring()
  MEMBERS_ENCRYPTION_KEYS!: string;

  /** Key id new ciphertexts are written with (rotation = add a key and switch this). */
  @IsString()
  @IsKeyIdOf('MEMBERS_ENCRYPTION_KEYS')
  MEMBERS_ACTIVE_KEY_ID!: string;

  /** Secret for the HMAC-SHA256 blind indexes of phone, email and birthday month-day (base64, >= 32 bytes). */
  @IsString()
  @Matches(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, { message: 'MEMBERS_HASH_KEY must be base64 of at least 32 bytes' })
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
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  MEMBERS_TIER_GRACE_DAYS = 30;

  /** Members inactive this many days are anonymised by the retention job. */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(36500)
  MEMBERS_RETENTION_INACTIVE_DAYS = 1095;

  /** Period of the built-in scheduler running the daily jobs (birthdays, reviews, retention); 0 = off (jobs via the admin endpoints only). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400000)
  MEMBERS_JOBS_INTERVAL_MS = 3600000;
}
