import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { BaseEnv, COUNTRY_CALLING_CODES, IsKeyIdOf, IsKeyring } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

@ValidatorConstraint({ name: 'isOpenBeforeClose' })
class IsOpenBeforeClose implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    const [open, close] = String(value).split('-');
    return open !== undefined && close !== undefined && open < close;
  }
  defaultMessage(): string {
    return 'FEEDBACK_BUSINESS_HOURS must open before it closes';
  }
}

/** Environment of the feedback service (validated at start-up; see BaseEnv for the shared variables). */
export class FeedbackEnv extends BaseEnv {
  /** Keys for non-member contacts (AES-256-GCM), same format as the members service's. */
  @IsString()
  @IsKeyring()
  FEEDBACK_ENCRYPTION_KEYS!: string;

  @IsString()
  @IsKeyIdOf('FEEDBACK_ENCRYPTION_KEYS')
  FEEDBACK_ACTIVE_KEY_ID!: string;

  /** HMAC key of the contact blind index (repeat complaints of one non-member contact); base64, >= 32 bytes. */
  @IsString()
  @Matches(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, { message: 'FEEDBACK_HASH_KEY must be base64 of at least 32 bytes' })
  FEEDBACK_HASH_KEY!: string;

  /** Region of phone numbers given without a calling code. */
  @IsIn(Object.keys(COUNTRY_CALLING_CODES))
  FEEDBACK_DEFAULT_PHONE_REGION = 'CN';

  /** Interval of the SLA scheduler (warnings at 75 %, escalation at breach); 0 = only on demand. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  FEEDBACK_SLA_INTERVAL_MS = 60_000;

  /** Days after resolution during which a case may be reopened. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  FEEDBACK_REOPEN_WINDOW_DAYS = 14;

  /** Compensation points an agent may grant on one case without a supervisor's approval. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  FEEDBACK_COMPENSATION_CASE_LIMIT = 500;

  /** Compensation points one agent may grant per UTC day without approval. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  FEEDBACK_COMPENSATION_AGENT_DAILY_LIMIT = 2000;

  /** Open hours of the business calendar (an SLA policy option), local time `HH:MM-HH:MM`. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { message: 'FEEDBACK_BUSINESS_HOURS must be HH:MM-HH:MM' })
  @Validate(IsOpenBeforeClose)
  FEEDBACK_BUSINESS_HOURS = '09:00-21:00';

  /** Working ISO weekdays of the business calendar (1 = Monday .. 7 = Sunday). */
  @Matches(/^[1-7](,[1-7])*$/, { message: 'FEEDBACK_BUSINESS_DAYS must be a comma-separated list of 1-7' })
  FEEDBACK_BUSINESS_DAYS = '1,2,3,4,5,6,7';

  /** Local dates without service, `YYYY-MM-DD,YYYY-MM-DD` (empty: none). */
  @Matches(/^(\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*)?$/, { message: 'FEEDBACK_HOLIDAYS must be a comma-separated list of YYYY-MM-DD' })
  FEEDBACK_HOLIDAYS = '';

  /** Offset of the business calendar's local time from UTC in minutes (China: 480). */
  @Transform(toInt)
  @IsInt()
  @Min(-720)
  @Max(840)
  FEEDBACK_BUSINESS_UTC_OFFSET_MINUTES = 480;

  /** Days a survey token stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  FEEDBACK_SURVEY_VALID_DAYS = 14;
}
