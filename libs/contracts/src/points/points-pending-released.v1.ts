import { IsInt, IsISO8601, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Pending points of one lot became available (the return window ended). */
export class PointsPendingReleasedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsString() @MaxLength(200) lotId!: string;
  @IsInt() @Min(0) points!: number;
  @IsISO8601() releasedAt!: string;
}

export const PointsPendingReleasedV1Event = defineEvent({
  type: 'points.pending.released',
  version: 1,
  description: 'Pending points became available after the return window.',
  payload: PointsPendingReleasedV1,
  key: (p) => p.memberId,
});
