import { IsInt, IsISO8601, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Unspent points of lots whose validity ended were removed (first in, first out). */
export class PointsExpiredV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(200) expiryId!: string;
  @IsInt() @Min(1) points!: number;
  @IsISO8601() expiredAt!: string;
}

export const PointsExpiredV1Event = defineEvent({
  type: 'points.expired',
  version: 1,
  description: 'Points expired (lots older than the validity period, spent first in, first out).',
  payload: PointsExpiredV1,
  key: (p) => p.memberId,
});
