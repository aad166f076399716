import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LIFECYCLE_STAGES, RFM_SEGMENTS, type LifecycleStage, type RfmSegment } from '@app/contracts';
import { RECOMPUTE_STATUSES, type RecomputeStatus } from '../profiles.schema';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class MemberIdParam {
  @ApiProperty() @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'memberId must be a member id (1-64 of A-Z a-z 0-9 . _ : -)' }) memberId!: string;
}

export class SegmentParam {
  @ApiProperty({ enum: RFM_SEGMENTS }) @IsIn(RFM_SEGMENTS) segment!: RfmSegment;
}

export class JobIdParam {
  @ApiProperty() @Matches(/^rcj_[0-9a-f-]{36}$/, { message: 'jobId must be a recompute job id (rcj_<uuid>)' }) jobId!: string;
}

export class SegmentMembersQuery {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class RfmScoresDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) r!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) f!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) m!: number;
}

export class SegmentSizeDto {
  @ApiProperty({ enum: RFM_SEGMENTS }) segment!: RfmSegment;
  @ApiProperty() members!: number;
  @ApiProperty({ description: 'Net spend in the window of the members in the segment, minor units of `currency`' }) netSpendMinor!: number;
}

export class StageSizeDto {
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage!: LifecycleStage;
  @ApiProperty() members!: number;
}

export class CutsDto {
  @ApiProperty({ type: [Number], description: 'Days since the last purchase at the 20/40/60/80 % boundaries' }) recency!: number[];
  @ApiProperty({ type: [Number] }) frequency!: number[];
  @ApiProperty({ type: [Number] }) monetary!: number[];
  @ApiProperty({ description: 'Members active in the window the cut points were computed over' }) population!: number;
  @ApiProperty() computedAt!: string;
}

export class SegmentOverviewResponse {
  @ApiProperty() currency!: string;
  @ApiProperty() windowDays!: number;
  @ApiProperty({ type: CutsDto, nullable: true, description: 'Null before the first recompute' }) cuts!: CutsDto | null;
  @ApiProperty({ type: [SegmentSizeDto] }) segments!: SegmentSizeDto[];
  @ApiProperty({ type: [StageSizeDto] }) stages!: StageSizeDto[];
}

export class GridCellDto {
  @ApiProperty() r!: number;
  @ApiProperty() f!: number;
  @ApiProperty() members!: number;
  @ApiProperty({ description: 'Average net spend in the window, minor units (0 in an empty cell)' }) avgMonetaryMinor!: number;
}

export class GridResponse {
  @ApiProperty({ type: [GridCellDto], description: 'All 25 cells, R then F ascending' }) cells!: GridCellDto[];
}

export class SegmentMemberDto {
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: RfmScoresDto, nullable: true }) scores!: RfmScoresDto | null;
}

export class SegmentMemberPage {
  @ApiProperty({ type: [SegmentMemberDto] }) items!: SegmentMemberDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class FeaturesDto {
  @ApiProperty({ nullable: true, type: String }) firstPurchaseAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastPurchaseAt!: string | null;
  @ApiProperty() lifetimePurchases!: number;
  @ApiProperty({ description: 'Purchases in the window' }) purchaseCount!: number;
  @ApiProperty({ description: 'Net spend in the window, minor units' }) netSpendMinor!: number;
  @ApiProperty() avgBasketMinor!: number;
  @ApiProperty() tenureDays!: number;
  @ApiProperty({ nullable: true, type: Number }) usualIntervalDays!: number | null;
  @ApiProperty({ nullable: true, type: Number }) recencyDays!: number | null;
}

export class MoveDto {
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ['segment', 'stage'] }) kind!: 'segment' | 'stage';
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
}

export class MemberProfileResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ description: 'False without analytics consent: features only, no score, segment or stage' }) profiled!: boolean;
  @ApiProperty({ type: FeaturesDto }) features!: FeaturesDto;
  @ApiProperty({ type: RfmScoresDto, nullable: true }) scores!: RfmScoresDto | null;
  @ApiProperty({ enum: RFM_SEGMENTS, nullable: true }) segment!: RfmSegment | null;
  @ApiProperty({ enum: LIFECYCLE_STAGES, nullable: true }) stage!: LifecycleStage | null;
  @ApiProperty({ nullable: true, type: String }) stageSince!: string | null;
  @ApiProperty() evaluatedAt!: string;
  @ApiProperty({ type: [MoveDto], description: 'The last 100 moves, oldest first' }) moves!: MoveDto[];
}

export class RecomputeJobResponse {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: RECOMPUTE_STATUSES }) status!: RecomputeStatus;
  @ApiProperty({ enum: ['features', 'cuts', 'placement', 'done'] }) phase!: string;
  @ApiProperty({ enum: ['on_demand', 'schedule'] }) trigger!: string;
  @ApiProperty({ description: 'Members at the start (estimate)' }) total!: number;
  @ApiProperty({ description: 'Members done in the current phase' }) processed!: number;
  @ApiProperty() moves!: { segment: number; stage: number };
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}
