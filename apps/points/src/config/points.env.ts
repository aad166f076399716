import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BaseEnv, COUNTRY_CALLING_CODES, INSTANCE_URLS_PATTERN } from '@app/common';
import { CURRENCY_LIST_PATTERN, STORE_CURRENCIES_PATTERN } from '../pos/sale-integrity';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Environment of the points service (validated at start-up; see BaseEnv for the shared variables). */
export class PointsEnv extends BaseEnv {
  /**
   * Members service base URL, or a comma-separated list of its instances (spread round-robin over
   * the ready ones): resolves card numbers and phone numbers to member ids.
   */
  @Matches(INSTANCE_URLS_PATTERN, { message: 'MEMBERS_URL must be an http(s) URL or a comma-separated list of them' }) MEMBERS_URL!: string;

  /** Timeout of one member-resolution call (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30000)
  MEMBERS_RESOLVE_TIMEOUT_MS = 2000;

  /** Return window: earned points stay pending this many days after the sale. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  POINTS_PENDING_DAYS = 14;

  /** Validity of earned points (months from the sale); unspent points then expire first in, first out. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  POINTS_EXPIRY_MONTHS = 12;

  /** How long after a sale an unknown customer may claim it (days). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  POINTS_CLAIM_WINDOW_DAYS = 30;

  /** Period of the pending-release and expiry jobs (ms); 0 disables the timer (jobs stay callable). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  POINTS_JOB_INTERVAL_MS = 60_000;

  /** Largest accepted HTTP body: an offline store's batch of 1000 sales needs more than the shared 1mb. */
  @IsString()
  @Matches(/^\d+(kb|mb)$/)
  override HTTP_BODY_LIMIT = '16mb';

  /**
   * How long a member's projection (tier, multiplier, birthday) read for a sale may be reused
   * from memory (ms); 0 reads it for every sale. Writes through this instance refresh it at once;
   * other instances see a change within this time (the projection is eventually consistent anyway).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  POINTS_MEMBER_CACHE_MS = 1000;

  // --- Sale integrity (see apps/points/README.md "Sale integrity") ---

  /**
   * Rounding tolerance (minor units) between a sale's total and the sum of its lines, and between
   * its tender split and its total (also between a return's lines and its refund). 0: exact.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  POINTS_SALE_TOLERANCE_MINOR = 0;

  /** Currencies the programme accepts at the till, comma-separated ISO 4217 codes. */
  @IsString()
  @Matches(CURRENCY_LIST_PATTERN, { message: 'POINTS_ACCEPTED_CURRENCIES must be ISO 4217 codes separated by commas (CNY,HKD)' })
  POINTS_ACCEPTED_CURRENCIES = 'CNY';

  /** Per-store override of the accepted currencies: `store-hk=HKD|CNY;store-mo=MOP` (empty: none). */
  @IsString()
  @Matches(STORE_CURRENCIES_PATTERN, { message: 'POINTS_STORE_CURRENCIES must be "storeId=CUR|CUR;storeId=CUR"' })
  POINTS_STORE_CURRENCIES = '';

  /** Oldest accepted occurredAt of a sale (days before now); unset: POINTS_CLAIM_WINDOW_DAYS. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  POINTS_SALE_MAX_AGE_DAYS?: number;

  /** How far in the future a till's clock may put occurredAt (minutes). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1440)
  POINTS_SALE_MAX_FUTURE_MINUTES = 5;

  /** Anomaly hold: a sale above this multiple of its store's median recent basket has its points held for review; 0 disables. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  POINTS_ANOMALY_MULTIPLE = 10;

  /** Anomaly hold: fewest recent sales of a store before the rule applies. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  POINTS_ANOMALY_MIN_HISTORY = 20;

  /** Anomaly hold: how many of the store's most recent sales make its usual basket. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  POINTS_ANOMALY_WINDOW = 200;

  /** Anomaly hold: how long a store's recent totals read from the database are reused (ms); this instance's own sales join them at once. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  POINTS_ANOMALY_REFRESH_MS = 60_000;

  /** Region whose calling code a phone number without one gets (as in members: one normalisation). */
  @IsString()
  @IsIn(Object.keys(COUNTRY_CALLING_CODES))
  DEFAULT_PHONE_REGION = 'CN';

  /** Validity of a coupon issued for points (days). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  COUPON_VALIDITY_DAYS = 90;
}
