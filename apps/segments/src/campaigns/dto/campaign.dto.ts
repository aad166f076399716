import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_KINDS,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  type CampaignChannel,
  type CampaignKind,
  type LifecycleStage,
  type RfmSegment,
} from '@app/contracts';
import { CAMPAIGN_STATUSES, RECIPIENT_OUTCOMES, TRIGGER_TYPES, type CampaignStatus, type RecipientOutcome, type TriggerType } from '../campaigns.schema';
import { CAMPAIGN_SKIP_REASONS, type CampaignSkipReason } from '../treatment-rules';

/** Largest explicit audience of one campaign. */
export const MAX_AUDIENCE = 10_000;

const MEMBER_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const PLAIN_ID = /^[A-Za-z0-9._-]{1,64}$/;
const CAMPAIGN_ID = /^cmp_[0-9a-f-]{36}$/;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Who the campaign is for: an explicit list of member ids, or filters evaluated when it runs (not both). */
export class CampaignAudienceDto {
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: MAX_AUDIENCE, description: 'Member ids, each once' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_AUDIENCE)
  @ArrayUnique()
  @Matches(MEMBER_ID, { each: true, message: 'each value in memberIds must be a member id (1-64 of A-Z a-z 0-9 . _ : -)' })
  memberIds?: string[];
  @ApiPropertyOptional({ enum: RFM_SEGMENTS, isArray: true, description: 'Members in any of these RFM segments' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(RFM_SEGMENTS, { each: true })
  segments?: RfmSegment[];
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES, isArray: true, description: 'Members in any of these lifecycle stages' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(LIFECYCLE_STAGES, { each: true })
  stages?: LifecycleStage[];
  @ApiPropertyOptional({ type: [String], description: 'Members in any of these tiers' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PLAIN_ID, { each: true, message: 'each value in tiers must be a tier code' })
  tiers?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Members whose preferred store is any of these' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @Matches(PLAIN_ID, { each: true, message: 'each value in storeIds must be a store id' })
  storeIds?: string[];
}

export class CampaignTriggerDto {
  @ApiProperty({ enum: TRIGGER_TYPES, description: 'segment_entered / segment_exited (with `segment`), stage_entered (with `stage`), birthday' })
  @IsIn(TRIGGER_TYPES)
  on!: TriggerType;
  @ApiPropertyOptional({ enum: RFM_SEGMENTS }) @IsOptional() @IsIn(RFM_SEGMENTS) segment?: RfmSegment;
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES }) @IsOptional() @IsIn(LIFECYCLE_STAGES) stage?: LifecycleStage;
}

export class CampaignActionDto {
  @ApiProperty({
    enum: ['message', 'points', 'coupon'],
    description:
      'message: a message request; points: bonus points (applied once by points) and a message request; coupon: a coupon of a reward (issued once by points) and a message request',
  })
  @IsIn(['message', 'points', 'coupon'])
  type!: 'message' | 'points' | 'coupon';
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: 'Points per treated member (points only)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  points?: number;
  @ApiPropertyOptional({ description: 'Reward of the points catalogue whose coupon each treated member gets (coupon only)' })
  @IsOptional()
  @Matches(PLAIN_ID)
  rewardId?: string;
}

export class FrequencyCapDto {
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) maxTreatments!: number;
  @ApiProperty({ minimum: 1, maximum: 365 }) @IsInt() @Min(1) @Max(365) windowDays!: number;
}

export class CampaignControlsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 50, default: 0, description: 'Share of consenting members held out as the control group (%)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  holdoutPercent?: number;
  @ApiPropertyOptional({ type: FrequencyCapDto, description: 'At most maxTreatments per member across all campaigns in windowDays' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FrequencyCapDto)
  frequencyCap?: FrequencyCapDto;
  @ApiPropertyOptional({ minimum: 1, description: 'Total points the campaign may grant (points actions)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  budgetPoints?: number;
  @ApiPropertyOptional({ description: 'Schedule window start (triggers before it treat no one)' }) @IsOptional() @IsISO8601({ strict: true }) startsAt?: string;
  @ApiPropertyOptional({ description: 'Schedule window end' }) @IsOptional() @IsISO8601({ strict: true }) endsAt?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 14, description: 'A purchase within this many days after the decision counts as a conversion' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  conversionDays?: number;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'Spring win-back' }) @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) @IsIn(CAMPAIGN_KINDS) kind!: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_CHANNELS }) @IsIn(CAMPAIGN_CHANNELS) channel!: CampaignChannel;
  @ApiPropertyOptional({
    type: CampaignAudienceDto,
    description: 'Who the campaign is for: member ids, or filters; a triggered campaign may narrow its triggers with filters',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignAudienceDto)
  audience?: CampaignAudienceDto;
  @ApiPropertyOptional({ type: CampaignTriggerDto, description: 'Treat members as this happens to them (activate the campaign), instead of one dispatch' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignTriggerDto)
  trigger?: CampaignTriggerDto;
  @ApiPropertyOptional({ type: CampaignActionDto, description: 'Default: a message request' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignActionDto)
  action?: CampaignActionDto;
  @ApiPropertyOptional({ type: CampaignControlsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignControlsDto)
  controls?: CampaignControlsDto;
}

export class CampaignIdParam {
  @ApiProperty({ example: 'cmp_0b8a6f2e-4c1d-4f7a-9a51-2f0d3c4b5e6f' })
  @Matches(CAMPAIGN_ID, { message: 'campaignId must be a campaign id (cmp_<uuid>)' })
  campaignId!: string;
}

export class ListCampaignsQuery {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ListRecipientsQuery {
  @ApiPropertyOptional({ enum: RECIPIENT_OUTCOMES }) @IsOptional() @IsIn(RECIPIENT_OUTCOMES) outcome?: RecipientOutcome;
  @ApiPropertyOptional({ enum: CAMPAIGN_SKIP_REASONS }) @IsOptional() @IsIn(CAMPAIGN_SKIP_REASONS) reason?: CampaignSkipReason;
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class SkippedCountsDto {
  @ApiProperty({ description: 'Marketing consent withdrawn or never given' }) no_consent!: number;
  @ApiProperty({ description: 'Not (yet) known to the segments service' }) unknown_member!: number;
  @ApiProperty({ description: 'Erased members: never contacted' }) erased!: number;
}

export class CampaignDispatchDto {
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null while a dispatch is unfinished (dispatch again to finish it)' }) completedAt!: string | null;
  @ApiProperty({ description: 'Members treated (message requests published, points granted)' }) sent!: number;
  @ApiProperty({ description: 'Consenting members held out as the control group' }) heldOut!: number;
  @ApiProperty({ type: SkippedCountsDto }) skipped!: SkippedCountsDto;
}

export class CampaignTriggerView {
  @ApiProperty({ enum: TRIGGER_TYPES }) on!: TriggerType;
  @ApiProperty({ nullable: true, type: String, description: 'The segment or stage' }) value!: string | null;
}

export class CampaignControlsView {
  @ApiProperty() holdoutPercent!: number;
  @ApiProperty({ type: FrequencyCapDto, nullable: true }) frequencyCap!: FrequencyCapDto | null;
  @ApiProperty({ nullable: true, type: Number }) budgetPoints!: number | null;
  @ApiProperty({ nullable: true, type: String }) startsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty() conversionDays!: number;
}

export class CampaignResponse {
  @ApiProperty() campaignId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind!: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_CHANNELS }) channel!: CampaignChannel;
  @ApiProperty() audienceSize!: number;
  @ApiProperty({ type: CampaignAudienceDto, nullable: true, description: 'Audience filters (null: the explicit list)' }) audienceFilter!: Omit<
    CampaignAudienceDto,
    'memberIds'
  > | null;
  @ApiProperty({ type: CampaignTriggerView, nullable: true }) trigger!: CampaignTriggerView | null;
  @ApiProperty({ type: CampaignActionDto }) action!: { type: 'message' } | { type: 'points'; points: number } | { type: 'coupon'; rewardId: string };
  @ApiProperty({ type: CampaignControlsView }) controls!: CampaignControlsView;
  @ApiProperty({ description: 'Points reserved from the budget' }) budgetSpentPoints!: number;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status!: CampaignStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) activatedAt!: string | null;
  @ApiProperty({ type: CampaignDispatchDto, nullable: true }) dispatch!: CampaignDispatchDto | null;
}

export class CampaignPage {
  @ApiProperty({ type: [CampaignResponse] }) items!: CampaignResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor!: string | null;
}

export class RecipientResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ enum: RECIPIENT_OUTCOMES }) outcome!: RecipientOutcome;
  @ApiProperty({ enum: CAMPAIGN_SKIP_REASONS, nullable: true, type: String }) reason!: CampaignSkipReason | null;
  @ApiProperty({ nullable: true, type: String, description: 'The triggering event (triggered campaigns)' }) occurrenceId!: string | null;
  @ApiProperty() decidedAt!: string;
}

export class RecipientPage {
  @ApiProperty({ type: [RecipientResponse] }) items!: RecipientResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor!: string | null;
}

export class GroupResultDto {
  @ApiProperty() members!: number;
  @ApiProperty({ description: 'Members who bought within conversionDays of the decision' }) converted!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'converted / members (0..1), null for an empty group' }) rate!: number | null;
}

export class CampaignResultsResponse {
  @ApiProperty() campaignId!: string;
  @ApiProperty({ description: 'Decisions taken (every member the campaign reached, per trigger occurrence)' }) triggered!: number;
  @ApiProperty({ type: GroupResultDto }) treated!: GroupResultDto;
  @ApiProperty({ type: GroupResultDto }) heldOut!: GroupResultDto;
  @ApiProperty({ type: SkippedCountsDto }) skipped!: SkippedCountsDto;
  @ApiProperty() conversionDays!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Treated conversion rate minus held-out conversion rate (null without both groups)' }) uplift!:
    number | null;
  @ApiProperty({ description: 'Points granted to treated members' }) pointsGranted!: number;
  @ApiProperty({ nullable: true, type: Number }) budgetPoints!: number | null;
  @ApiProperty({ description: 'Points reserved from the budget (granted plus any reservation lost to a crash)' }) budgetSpentPoints!: number;
  @ApiProperty({ description: 'Coupons points issued to treated members (coupon actions; a grant points refused is not counted)' }) couponsIssued!: number;
  @ApiProperty({ description: 'The results were computed over at most this many decisions', example: 100000 }) limit!: number;
}
