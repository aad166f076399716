import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import {
  ALL_SUBTYPES,
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_OUTCOMES,
  CASE_SEVERITIES,
  CASE_STATUSES,
  TEAMS,
  TRANSITION_TARGETS,
} from '../case.model';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ContactDto {
  @ApiPropertyOptional({ example: '王芳' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ example: '+8613800138000' }) @IsOptional() @IsString() @MaxLength(32) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

/** What a customer tells about their own experience (`/v1/me/cases`). */
export class CustomerCaseDto {
  @ApiProperty({ enum: CASE_KINDS }) @IsIn(CASE_KINDS) kind!: (typeof CASE_KINDS)[number];
  @ApiProperty({
    enum: ALL_SUBTYPES,
    description:
      'complaint: complaint|major_complaint|suggestion|unclassified; consultation: product|membership|store_info|order|other; after_sales: return|exchange|repair|warranty',
  })
  @IsIn(ALL_SUBTYPES)
  subtype!: string;
  @ApiProperty({ enum: CASE_CATEGORIES }) @IsIn(CASE_CATEGORIES) category!: (typeof CASE_CATEGORIES)[number];
  @ApiPropertyOptional() @IsOptional() @Matches(ID) storeId?: string;
  @ApiPropertyOptional({ description: 'The purchase (transaction id) the case is about' }) @IsOptional() @Matches(ID) purchaseId?: string;
  @ApiProperty({ example: '收银员多收了钱，小票上的价格和价签不符' }) @IsString() @MinLength(2) @MaxLength(4000) description!: string;
  @ApiPropertyOptional({ type: [String], description: 'References of stored attachments (photos, receipts)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[A-Za-z0-9._:/-]{1,200}$/, { each: true })
  attachments?: string[];
}

/** A case recorded by staff from any channel, for a member or a non-member contact. */
export class OpenCaseDto extends CustomerCaseDto {
  @ApiProperty({ enum: CASE_SEVERITIES }) @IsIn(CASE_SEVERITIES) severity!: (typeof CASE_SEVERITIES)[number];
  @ApiProperty({ enum: CASE_CHANNELS }) @IsIn(CASE_CHANNELS) channel!: (typeof CASE_CHANNELS)[number];
  @ApiPropertyOptional() @IsOptional() @Matches(ID) memberId?: string;
  @ApiPropertyOptional({ type: ContactDto, description: 'A non-member: stored encrypted, masked by role' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class TransitionDto {
  @ApiProperty({ enum: TRANSITION_TARGETS }) @IsIn(TRANSITION_TARGETS) to!: (typeof TRANSITION_TARGETS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class NoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class AnswerDto {
  @ApiPropertyOptional({ description: 'What the customer was told (required without faqArticleId)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note?: string;
  @ApiPropertyOptional({ description: 'Answer with an FAQ article (counts towards the most asked questions)' })
  @IsOptional()
  @Matches(ID)
  faqArticleId?: string;
}

export class AssignDto {
  @ApiPropertyOptional({ description: 'Staff id of the agent; omit to leave the case to the team' }) @IsOptional() @Matches(ID) assignee?: string;
  @ApiPropertyOptional({ enum: TEAMS }) @IsOptional() @IsIn(TEAMS) team?: (typeof TEAMS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ResolveDto {
  @ApiProperty({ enum: CASE_OUTCOMES, isArray: true }) @IsArray() @ArrayMaxSize(8) @IsIn(CASE_OUTCOMES, { each: true }) outcomes!: Array<
    (typeof CASE_OUTCOMES)[number]
  >;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string;
  @ApiPropertyOptional({ description: 'Points granted to the member (over the limits: awaits a supervisor)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  compensationPoints?: number;
  @ApiPropertyOptional({ description: 'Reward (points catalogue) whose coupon the member is granted, once per case; needs the outcome coupon' })
  @IsOptional()
  @Matches(ID)
  compensationCouponRewardId?: string;
}

export class CustomerReplyDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) message!: string;
}

export class QueueQuery {
  @ApiPropertyOptional({ enum: ['mine', 'team', 'all'], default: 'all' }) @IsOptional() @IsIn(['mine', 'team', 'all']) queue?: 'mine' | 'team' | 'all';
  @ApiPropertyOptional({ enum: TEAMS }) @IsOptional() @IsIn(TEAMS) team?: (typeof TEAMS)[number];
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: (typeof CASE_STATUSES)[number];
  @ApiPropertyOptional({ enum: CASE_CATEGORIES }) @IsOptional() @IsIn(CASE_CATEGORIES) category?: (typeof CASE_CATEGORIES)[number];
  @ApiPropertyOptional({ enum: CASE_SEVERITIES }) @IsOptional() @IsIn(CASE_SEVERITIES) severity?: string;
  @ApiPropertyOptional({ enum: CASE_KINDS }) @IsOptional() @IsIn(CASE_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) storeId?: string;
  @ApiPropertyOptional({ description: 'Only cases with a missed deadline' }) @IsOptional() @Transform(toBool) @IsIn([true, false]) breached?: boolean;
  @ApiPropertyOptional({ enum: ['due', 'opened'], default: 'due', description: 'due: soonest deadline first; opened: newest first' })
  @IsOptional()
  @IsIn(['due', 'opened'])
  sort?: 'due' | 'opened';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class CaseViewQuery {
  @ApiPropertyOptional({ enum: ['masked', 'full'], default: 'masked', description: 'full: contact unmasked (agents, supervisors, admins)' })
  @IsOptional()
  @IsIn(['masked', 'full'])
  view?: 'masked' | 'full';
}
