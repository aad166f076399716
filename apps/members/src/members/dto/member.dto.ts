import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ENROLMENT_CHANNELS, type EnrolmentChannel } from '@app/contracts';
import { normaliseCardNumber } from '@app/common';
import { MEMBER_CLASSES, type MemberClass } from '../member.schema';

const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID = /^[A-Za-z0-9._:-]{1,64}$/;

export class ConsentInputDto {
  @ApiProperty({ example: true }) @IsBoolean() granted!: boolean;
  @ApiProperty({ example: 'privacy-2026-01', description: 'Version of the privacy policy the customer was shown' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  policyVersion!: string;
}

export class ConsentsInputDto {
  @ApiProperty({ type: ConsentInputDto }) @IsObject() @ValidateNested() @Type(() => ConsentInputDto) marketing!: ConsentInputDto;
  @ApiProperty({ type: ConsentInputDto }) @IsObject() @ValidateNested() @Type(() => ConsentInputDto) analytics!: ConsentInputDto;
}

export class EnrolMemberDto {
  @ApiProperty({ enum: ENROLMENT_CHANNELS }) @IsIn(ENROLMENT_CHANNELS) channel!: EnrolmentChannel;
  @ApiProperty({ example: '张三' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @ApiProperty({ example: '138 0013 8000', description: 'Any common format; stored as E.164 (default region from DEFAULT_PHONE_REGION)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  phone!: string;
  @ApiPropertyOptional({ example: 'zhang.san@example.com' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '1990-05-17' }) @IsOptional() @Matches(DATE_ONLY, { message: 'birthday must be YYYY-MM-DD' }) birthday?: string;
  @ApiProperty({ example: 'store-1' }) @Matches(ID) preferredStoreId!: string;
  @ApiProperty({ enum: MEMBER_CLASSES }) @IsIn(MEMBER_CLASSES) memberClass!: MemberClass;
  @ApiPropertyOptional({ example: 'org-42', description: 'Required for corporate members; not allowed otherwise' })
  @ValidateIf((o: EnrolMemberDto) => o.memberClass === 'corporate' || o.organisationId !== undefined)
  @Matches(ID)
  organisationId?: string;
  @ApiProperty({ type: ConsentsInputDto }) @IsObject() @ValidateNested() @Type(() => ConsentsInputDto) consents!: ConsentsInputDto;
}

export class UpdateMemberDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE_ONLY, { message: 'birthday must be YYYY-MM-DD' }) birthday?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) preferredStoreId?: string;
  @ApiPropertyOptional({ enum: MEMBER_CLASSES }) @IsOptional() @IsIn(MEMBER_CLASSES) memberClass?: MemberClass;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) organisationId?: string;
}

export const CONSENT_CHANNELS = ['store', 'web', 'app', 'service'] as const;

export class ChangeConsentDto {
  @ApiProperty({ example: false }) @IsBoolean() granted!: boolean;
  @ApiProperty({ example: 'privacy-2026-01' }) @IsString() @Matches(/^[A-Za-z0-9._-]{1,32}$/) policyVersion!: string;
  @ApiProperty({ enum: CONSENT_CHANNELS }) @IsIn(CONSENT_CHANNELS) channel!: (typeof CONSENT_CHANNELS)[number];
}

export class ResolveQuery {
  @ApiPropertyOptional({ example: 'm_3f9c2a', description: 'Confirms a member id (the points service asks when its projection has not caught up yet)' })
  @IsOptional()
  @Matches(ID)
  memberId?: string;
  @ApiPropertyOptional({
    example: '8123456789012346',
    description: 'Spaces and dashes as printed on the card are accepted (one normalisation shared with the till)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseCardNumber(value) : value))
  @Matches(/^\d{16}$/, { message: 'cardNumber must be 16 digits' })
  cardNumber?: string;
  @ApiPropertyOptional({
    example: '+86 138 0013 8002',
    description: 'Any form accepted at enrolment (spaces, dashes, +86 or 0086 or none); normalised to E.164',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class LookupQuery extends ResolveQuery {
  @ApiPropertyOptional({ enum: ['masked', 'full'] }) @IsOptional() @IsIn(['masked', 'full']) view?: 'masked' | 'full';
  @ApiPropertyOptional({ description: 'Why personal data is read unmasked (or header x-access-reason)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ReadMemberQuery {
  @ApiPropertyOptional({ enum: ['masked', 'full'] }) @IsOptional() @IsIn(['masked', 'full']) view?: 'masked' | 'full';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ErasureDto {
  @ApiPropertyOptional({ example: 'customer request via app' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
