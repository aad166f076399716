import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CAMPAIGN_CHANNELS, CAMPAIGN_KINDS, type CampaignChannel, type CampaignKind } from '@app/contracts';
import { SKIP_REASONS, type SkipReason } from '../../audience/consent-rules';
import { CAMPAIGN_STATUSES, type CampaignStatus, type RecipientOutcome } from '../campaigns.schema';

/** Largest explicit audience of one campaign. */
export const MAX_AUDIENCE = 10_000;

const MEMBER_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const CAMPAIGN_ID = /^cmp_[0-9a-f-]{36}$/;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class CampaignAudienceDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_AUDIENCE, description: 'Member ids, each once' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_AUDIENCE) @ArrayUnique() @Matches(MEMBER_ID, { each: true, message: 'each value in memberIds must be a member id (1-64 of A-Z a-z 0-9 . _ : -)' })
  memberIds!: string[];
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'Spring win-back' }) @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) @IsIn(CAMPAIGN_KINDS) kind!: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_CHANNELS }) @IsIn(CAMPAIGN_CHANNELS) channel!: CampaignChannel;
  @ApiProperty({ type: CampaignAudienceDto, description: 'Who the campaign is for: an explicit list of member ids' })
  @IsObject() @ValidateNested() @Type(() => CampaignAudienceDto)
  audience!: CampaignAudienceDto;
}

export class CampaignIdParam {
  @ApiProperty({ example: 'cmp_0b8a6f2e-4c1d-4f7a-9a51-2f0d3c4b5e6f' }) @Matches(CAMPAIGN_ID, { message: 'campaignId must be a campaign id (cmp_<uuid>)' }) campaignId!: string;
}

export class ListCampaignsQuery {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ListRecipientsQuery {
  @ApiPropertyOptional({ enum: ['sent', 'skipped'] }) @IsOptional() @IsIn(['sent', 'skipped']) outcome?: RecipientOutcome;
  @ApiPropertyOptional({ enum: SKIP_REASONS }) @IsOptional() @IsIn(SKIP_REASONS) reason?: SkipReason;
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
  @ApiProperty({ description: 'Message requests published' }) sent!: number;
  @ApiProperty({ type: SkippedCountsDto }) skipped!: SkippedCountsDto;
}

export class CampaignResponse {
  @ApiProperty() campaignId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind!: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_CHANNELS }) channel!: CampaignChannel;
  @ApiProperty() audienceSize!: number;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status!: CampaignStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: CampaignDispatchDto, nullable: true }) dispatch!: CampaignDispatchDto | null;
}

export class CampaignPage {
  @ApiProperty({ type: [CampaignResponse] }) items!: CampaignResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor!: string | null;
}

export class RecipientResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ enum: ['sent', 'skipped'] }) outcome!: RecipientOutcome;
  @ApiProperty({ enum: SKIP_REASONS, nullable: true, type: String }) reason!: SkipReason | null;
  @ApiProperty() decidedAt!: string;
}

export class RecipientPage {
  @ApiProperty({ type: [RecipientResponse] }) items!: RecipientResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor!: string | null;
}
