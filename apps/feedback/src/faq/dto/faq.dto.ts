import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CASE_SUBTYPES } from '../../cases/case.model';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
export const FAQ_CATEGORIES = CASE_SUBTYPES.consultation;

export class LocalisedTextDto {
  @ApiProperty({ example: '积分怎么兑换？' }) @IsString() @MinLength(1) @MaxLength(4000) 'zh-CN'!: string;
  @ApiProperty({ example: 'How do I redeem points?' }) @IsString() @MinLength(1) @MaxLength(4000) en!: string;
}

export class FaqArticleDto {
  @ApiProperty({ enum: FAQ_CATEGORIES }) @IsIn(FAQ_CATEGORIES) category!: string;
  @ApiProperty({ type: LocalisedTextDto }) @ValidateNested() @Type(() => LocalisedTextDto) question!: LocalisedTextDto;
  @ApiProperty({ type: LocalisedTextDto }) @ValidateNested() @Type(() => LocalisedTextDto) answer!: LocalisedTextDto;
}

export class FaqSearchQuery {
  @ApiPropertyOptional({ description: 'Words in Chinese or English; without it: the most asked first' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: FAQ_CATEGORIES }) @IsOptional() @IsIn(FAQ_CATEGORIES) category?: string;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class FaqArticleView {
  @ApiProperty() articleId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: LocalisedTextDto }) question!: LocalisedTextDto;
  @ApiProperty({ type: LocalisedTextDto }) answer!: LocalisedTextDto;
  @ApiProperty({ description: 'Consultations answered with it' }) timesUsed!: number;
  @ApiPropertyOptional({ description: 'Search terms matched (search only)' }) matched?: number;
}
