import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BaseEnv, INSTANCE_URLS_PATTERN } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Environment of the points service (validated at start-up; see BaseEnv for the shared variables). */
export class PointsEnv extends BaseEnv {
  /**
   * Members service base URL, or a comma-separated list of its instances (spread round-robin over
   * the ready ones): resolves card numbers and phone numbers to member ids.
   */
  @Matches(INSTANCE_URLS_PATTERN, { message: 'MEMBERS_URL must be an http(s) URL or a comma-separated list of them' }) MEMBERS_URL!: string;

  /** Timeout of one member-resolution call (ms). */
  @Transform(toInt) @IsInt() @Min(100) @Max(30000)
  MEMBERS_RESOLVE_TIMEOUT_MS = 2000;

  /** Return window: earned points stay pending this many days after the sale. */
  @Transform(toInt) @IsInt() @Min(0) @Max(365)
  POINTS_PENDING_DAYS = 14;

  /** Validity of earned points (months from the sale); unspent points then expire first in, first out. */
  @Transform(toInt) @IsInt() @Min(1) @Max(120)
  POINTS_EXPIRY_MONTHS = 12;

  /** How long after a sale an unknown customer may claim it (days). */
  @Transform(toInt) @IsInt() @Min(0) @Max(365)
  POINTS_CLAIM_WINDOW_DAYS = 30;

  /** Period of the pending-release and expiry jobs (ms); 0 disables the timer (jobs stay callable). */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000)
  POINTS_JOB_INTERVAL_MS = 60_000;

  /** Largest accepted HTTP body: an offline store's batch of 1000 sales needs more than the shared 1mb. */
  @IsString() @Matches(/^\d+(kb|mb)$/)
  override HTTP_BODY_LIMIT = '16mb';

  /**
   * How long a member's projection (tier, multiplier, birthday) read for a sale may be reused
   * from memory (ms); 0 reads it for every sale. Writes through this instance refresh it at once;
   * other instances see a change within this time (the projection is eventually consistent anyway).
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  POINTS_MEMBER_CACHE_MS = 1000;

  /** Validity of a coupon issued for points (days). */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  COUPON_VALIDITY_DAYS = 90;
}
