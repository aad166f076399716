import { IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { RFM_SEGMENTS, type RfmSegment } from './segmentation';

/** A member left an RFM segment (to another one, or to none: no purchase in the window, consent withdrawn, erased). */
export class SegmentExitedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsIn(RFM_SEGMENTS) segment!: RfmSegment;
  @IsISO8601() exitedAt!: string;
}

export const SegmentExitedV1Event = defineEvent({
  type: 'segment.exited',
  version: 1,
  description: 'A member left an RFM segment.',
  payload: SegmentExitedV1,
  key: (p) => p.memberId,
});
