import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseEnv, INSTANCE_URLS_PATTERN } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Environment of the gateway: the shared variables, where each service answers, auth, limits. */
export class GatewayEnv extends BaseEnv {
  /**
   * Where each service answers: one base URL, or a comma-separated list of its instances. Calls
   * are spread round-robin over the instances whose /health/ready answers 200 (asked every
   * DOWNSTREAM_PROBE_MS); an instance that refuses a connection leaves the rotation at once.
   */
  @Matches(INSTANCE_URLS_PATTERN, { message: 'MEMBERS_URL must be an http(s) URL or a comma-separated list of them' }) MEMBERS_URL!: string;
  @Matches(INSTANCE_URLS_PATTERN, { message: 'POINTS_URL must be an http(s) URL or a comma-separated list of them' }) POINTS_URL!: string;
  @Matches(INSTANCE_URLS_PATTERN, { message: 'SEGMENTS_URL must be an http(s) URL or a comma-separated list of them' }) SEGMENTS_URL!: string;
  @Matches(INSTANCE_URLS_PATTERN, { message: 'FEEDBACK_URL must be an http(s) URL or a comma-separated list of them' }) FEEDBACK_URL!: string;
  @Matches(INSTANCE_URLS_PATTERN, { message: 'MESSAGING_URL must be an http(s) URL or a comma-separated list of them' }) MESSAGING_URL!: string;

  /** How often the readiness of each instance of a service with several is asked (0: never). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  DOWNSTREAM_PROBE_MS = 1000;

  /** HMAC-SHA256 secret that signs bearer tokens (staff and customers). At least 32 characters. */
  @IsString()
  @MinLength(32, { message: 'GATEWAY_TOKEN_SECRET must be at least 32 characters' })
  @MaxLength(512)
  GATEWAY_TOKEN_SECRET!: string;

  /** Lifetime of a staff token. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  STAFF_TOKEN_TTL_SECONDS = 3600;

  /** Lifetime of a customer token. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400 * 30)
  CUSTOMER_TOKEN_TTL_SECONDS = 86400;

  // ---- customer sign-in by one-time code (customer-auth/)
  /** Lifetime of a one-time code (seconds). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  CUSTOMER_OTP_TTL_SECONDS = 300;

  /** Wrong codes accepted on one challenge before it is dead. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  CUSTOMER_OTP_MAX_ATTEMPTS = 5;

  /** Codes per identifier (email or phone) per hour, whether or not a member has it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  CUSTOMER_OTP_PER_IDENTIFIER_PER_HOUR = 5;

  /** Lifetime of a customer access token from a one-time-code sign-in (short: the refresh token renews it). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  CUSTOMER_ACCESS_TTL_SECONDS = 900;

  /** Lifetime of a customer session (its refresh token), days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CUSTOMER_REFRESH_TTL_DAYS = 30;

  /** Created at start-up when both are set and no staff user has this email (idempotent). */
  @IsOptional()
  @IsEmail()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(200)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Local/demo only: POST /v1/auth/customer/demo-token issues a customer token for any member id. Refused in production. */
  @Transform(toBool)
  @IsBoolean()
  DEMO_CUSTOMER_TOKENS = false;

  /** Comma-separated allowed browser origins ('' = no cross-origin access, '*' = any). */
  @IsOptional()
  @IsString()
  @Matches(/^(\*|(https?:\/\/[A-Za-z0-9.:-]+)(,\s*https?:\/\/[A-Za-z0-9.:-]+)*)?$/, {
    message: 'CORS_ORIGINS must be empty, * or a comma-separated list of http(s)://host[:port] origins',
  })
  CORS_ORIGINS = '';

  /**
   * Which proxies in front of the gateway to believe about the client address (X-Forwarded-For),
   * for per-address limits: '' (none: the socket address), 'loopback', a hop count, or addresses/CIDRs.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(|loopback|linklocal|uniquelocal|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be empty, loopback, a hop count or a list of addresses/CIDRs',
  })
  TRUST_PROXY = '';

  /** Fixed rate-limit window. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Requests per window per client address: anonymous calls and failed authentication (authenticated callers have their own limits). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_IP = 600;

  /** Requests per window per POS API key. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_API_KEY = 1200;

  /** Requests per window per token subject (staff user or customer). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_SUBJECT = 300;

  /**
   * How often each gateway instance adds its rate-limit hits to the shared counters (database) and
   * learns the other instances' (ms); 0 = every instance limits on its own counts alone.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  RATE_LIMIT_SYNC_MS = 1000;

  /** Sign-in attempts (token endpoints) per window per client address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_AUTH_PER_IP = 20;

  /** Requests the gateway handles at once: more than a service's (64), since it waits on them. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  override HTTP_MAX_IN_FLIGHT = 256;

  /** Timeout of one forwarded call to a service. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(120_000)
  DOWNSTREAM_TIMEOUT_MS = 5000;

  /** Extra attempts for safe (GET) forwarded calls after a network failure, timeout or 502/503/504. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  DOWNSTREAM_GET_RETRIES = 1;

  /** Timeout of each call behind an aggregated view (membership status). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(30_000)
  AGGREGATE_TIMEOUT_MS = 800;

  /**
   * How long a POS API key that authenticated is trusted from memory (ms); 0 checks the database
   * on every request. A revocation through this gateway takes effect at once; through another
   * gateway instance, within this time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  API_KEY_CACHE_MS = 5000;

  /** Directory of the built web console (`npm run console:build` makes dist/console), served at /console; '' serves none. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  CONSOLE_DIR = '';

  /** How long the merged OpenAPI document is cached. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  DOCS_CACHE_MS = 60_000;
}
