import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { BaseEnv } from '@app/common';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Environment of the segments service (validated at start-up; see BaseEnv for the shared variables). */
export class SegmentsEnv extends BaseEnv {
  /** RFM window: purchases within this many days count for frequency and monetary. */
  @Transform(toInt)
  @IsInt()
  @Min(7)
  @Max(3650)
  SEGMENTS_WINDOW_DAYS = 365;

  /** Monetary is summed in this currency (ISO 4217); purchases in others count for frequency only. */
  @Matches(/^[A-Z]{3}$/, { message: 'SEGMENTS_CURRENCY must be an ISO 4217 code' })
  SEGMENTS_CURRENCY = 'CNY';

  /** Lifecycle: `new` for this many days after the first purchase (and `reactivated` after a comeback). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SEGMENTS_NEW_DAYS = 30;

  /** Lifecycle: `churned` after this many days without a purchase. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(3650)
  SEGMENTS_CHURN_DAYS = 180;

  /** Lifecycle: `at_risk` after this many times the member's own usual interval without a purchase. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  SEGMENTS_AT_RISK_FACTOR = 3;

  /** Usual interval (days) assumed for a member with a single purchase. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SEGMENTS_DEFAULT_INTERVAL_DAYS = 30;

  /** Period of the scheduled recompute (cut points, then every member re-placed at the current time), ms; 0 = timer off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 86_400_000)
  SEGMENTS_RECOMPUTE_INTERVAL_MS = 3_600_000;
}
