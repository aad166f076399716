import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { RFM_SEGMENTS, type RfmSegment } from './segmentation';

/** A member entered an RFM segment, with the scores that placed them there. */
export class SegmentEnteredV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsIn(RFM_SEGMENTS) segment!: RfmSegment;
  /** RFM scores 1-5; null for `lost` members placed there for having no purchase in the window. */
  @IsOptional() @IsInt() @Min(1) @Max(5) recency!: number | null;
  @IsOptional() @IsInt() @Min(1) @Max(5) frequency!: number | null;
  @IsOptional() @IsInt() @Min(1) @Max(5) monetary!: number | null;
  @IsISO8601() enteredAt!: string;
}

export const SegmentEnteredV1Event = defineEvent({
  type: 'segment.entered',
  version: 1,
  description: 'A member entered an RFM segment (Champions, At Risk, ...).',
  payload: SegmentEnteredV1,
  key: (p) => p.memberId,
});
