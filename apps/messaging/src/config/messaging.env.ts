import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { BaseEnv, INSTANCE_URLS_PATTERN } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Environment of the messaging service (validated at start-up; see BaseEnv for the shared variables). */
export class MessagingEnv extends BaseEnv {
  /** Members service base URL, or a comma-separated list of its instances (round-robin over the ready ones): contact details and consent are read there at send time. */
  @Matches(INSTANCE_URLS_PATTERN, { message: 'MEMBERS_URL must be an http(s) URL or a comma-separated list of them' }) MEMBERS_URL!: string;

  /** Timeout of one call to the members service (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30000)
  MEMBERS_TIMEOUT_MS = 3000;

  /** SMTP server: smtp://[user:pass@]host:port (STARTTLS when offered) or smtps://host:port. Dev: Mailpit on 1025. */
  @Matches(/^smtps?:\/\/([^@/\s]+@)?[A-Za-z0-9.-]+:\d+\/?$/, { message: 'SMTP_URL must look like smtp://host:port or smtps://user:pass@host:port' })
  SMTP_URL!: string;

  /** Sender of every email. */
  @IsEmail() MAIL_FROM = 'loyalty@demo.local';

  /** Public base URL of the gateway, for links in messages (unsubscribe). */
  @IsUrl(url) PUBLIC_BASE_URL!: string;

  /** Secret that signs unsubscribe links (HMAC-SHA256); at least 32 characters. */
  @IsString()
  @MinLength(32, { message: 'MESSAGING_LINK_SECRET must be at least 32 characters' })
  @MaxLength(512)
  MESSAGING_LINK_SECRET!: string;

  /** Locale of messages when nothing better is known about the member. */
  @IsIn(['zh-CN', 'en']) MESSAGING_DEFAULT_LOCALE: 'zh-CN' | 'en' = 'zh-CN';

  /** IANA time zone of quiet hours when the member's own is not known. */
  @IsString() @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/) MESSAGING_TIME_ZONE = 'Asia/Shanghai';

  /**
   * Quiet hours for marketing, local time `HH:MM-HH:MM` (may wrap midnight); `off` = none. (An
   * empty variable counts as unset, so it keeps the default: turning quiet hours off takes `off`.)
   */
  @Matches(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, { message: 'MESSAGING_QUIET_HOURS must be HH:MM-HH:MM or off' })
  MESSAGING_QUIET_HOURS = '21:00-08:00';

  /** Frequency cap: at most this many marketing messages per member per window (0 = no cap). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  MESSAGING_CAP_COUNT = 3;

  /** Frequency cap window (hours). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  MESSAGING_CAP_WINDOW_HOURS = 24 * 7;

  /** How often the delivery worker looks for due messages (ms); 0 disables the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  MESSAGING_POLL_MS = 1000;

  /** Attempts of one message before it is given up (temporary failures only). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MESSAGING_MAX_ATTEMPTS = 10;

  /** First retry delay of a message (ms); doubles per attempt, capped at MESSAGING_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  MESSAGING_RETRY_BASE_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  MESSAGING_RETRY_MAX_MS = 3_600_000;

  /** How long one worker may hold a message it claimed before another may take it over (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  MESSAGING_LEASE_MS = 60_000;

  /** Timeout of one SMTP exchange (connect, greeting, socket), ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SMTP_TIMEOUT_MS = 10_000;

  /** How often the webhook dispatcher looks for due deliveries (ms); 0 disables the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  WEBHOOK_POLL_MS = 1000;

  /** Timeout of one webhook POST (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 5000;

  /** First retry delay of a failed webhook delivery (ms); doubles per attempt up to WEBHOOK_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** A delivery is retried for this long after its first attempt, then given up (hours). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 7)
  WEBHOOK_RETRY_WINDOW_HOURS = 24;

  /** Failed deliveries in a row after which an endpoint is paused (its events are held for a replay). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  WEBHOOK_PAUSE_AFTER_FAILURES = 50;

  /** SMS adapter: `twilio` (that provider's REST API, or any gateway speaking it), `sink` (local HTTP sink), `none`. */
  @IsIn(['twilio', 'sink', 'none']) SMS_PROVIDER: 'twilio' | 'sink' | 'none' = 'none';

  /** The sink's URL (SMS_PROVIDER=sink): receives `{ to, text, reference }` as JSON. */
  @ValidateIf((e: MessagingEnv) => e.SMS_PROVIDER === 'sink')
  @IsUrl(url)
  SMS_SINK_URL = '';

  /** Base URL of the provider API (SMS_PROVIDER=twilio). */
  @IsUrl(url) SMS_API_URL = 'https://api.twilio.com';

  @ValidateIf((e: MessagingEnv) => e.SMS_PROVIDER === 'twilio')
  @IsString()
  @MinLength(1)
  SMS_ACCOUNT_SID = '';

  @ValidateIf((e: MessagingEnv) => e.SMS_PROVIDER === 'twilio')
  @IsString()
  @MinLength(1)
  SMS_AUTH_TOKEN = '';

  /** Sender number or id (SMS_PROVIDER=twilio). */
  @ValidateIf((e: MessagingEnv) => e.SMS_PROVIDER === 'twilio')
  @IsString()
  @MinLength(1)
  SMS_FROM = '';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  SMS_TIMEOUT_MS = 5000;
}
