import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ROUNDING_POLICIES, type RoundingPolicy } from '../earning-rules';

const RULE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export class BaseRateDto {
  @ApiProperty({ example: 'CNY', description: 'ISO currency, or * for any other currency' })
  @Matches(/^([A-Z]{3}|\*)$/)
  currency!: string;
  @ApiProperty({ example: 100, description: 'Minor units per currency unit' })
  @IsInt()
  @Min(1)
  @Max(10000)
  minorPerUnit!: number;
  @ApiProperty({ example: 1, description: 'Points per currency unit (may be fractional)' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1000)
  pointsPerUnit!: number;
}

export class CategoryBonusDto {
  @ApiProperty({ example: 'electronics-x2' }) @Matches(RULE_ID) id!: string;
  @ApiProperty({ example: 'electronics' }) @IsString() @MaxLength(64) category!: string;
  @ApiProperty({ example: 100, description: 'Extra percent of base points (100 = double)' })
  @IsInt()
  @Min(0)
  @Max(10000)
  extraPercent!: number;
}

export class SkuBonusDto {
  @ApiProperty({ example: 'sku-123-x3' }) @Matches(RULE_ID) id!: string;
  @ApiProperty({ example: 'SKU-123' }) @IsString() @MaxLength(64) sku!: string;
  @ApiProperty({ example: 200 }) @IsInt() @Min(0) @Max(10000) extraPercent!: number;
}

export class PromotionDto {
  @ApiProperty({ example: 'spring-festival' }) @Matches(RULE_ID) id!: string;
  @ApiProperty({ example: 50 }) @IsInt() @Min(0) @Max(10000) extraPercent!: number;
  @ApiProperty({ example: '2026-02-01T00:00:00Z' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ example: '2026-02-15T00:00:00Z' }) @IsISO8601({ strict: true }) endsAt!: string;
  @ApiPropertyOptional({ type: [String], description: 'Only these categories (empty: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  categories?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Only these stores (empty: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  storeIds?: string[];
}

export class BirthdayBonusDto {
  @ApiProperty({ example: 100 }) @IsInt() @Min(0) @Max(10000) extraPercent!: number;
  @ApiProperty({ example: 50 }) @IsInt() @Min(0) @Max(1_000_000) fixedPoints!: number;
}

/** A new version of the earning rules (the whole set; versions are immutable). */
export class CreateRuleSetDto {
  @ApiPropertyOptional({ description: 'When the version takes effect (default: now). Sales are evaluated against the rules in force at their occurredAt.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;
  @ApiProperty({ enum: ROUNDING_POLICIES }) @IsIn(ROUNDING_POLICIES) rounding!: RoundingPolicy;
  @ApiProperty({ type: [BaseRateDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BaseRateDto)
  baseRates!: BaseRateDto[];
  @ApiProperty({ type: [String], example: ['gift_card', 'tobacco'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  excludedCategories!: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  excludedSkus?: string[];
  @ApiPropertyOptional({ type: [CategoryBonusDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CategoryBonusDto)
  categoryBonuses?: CategoryBonusDto[];
  @ApiPropertyOptional({ type: [SkuBonusDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SkuBonusDto)
  skuBonuses?: SkuBonusDto[];
  @ApiPropertyOptional({ type: [PromotionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PromotionDto)
  promotions?: PromotionDto[];
  @ApiPropertyOptional({ type: BirthdayBonusDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BirthdayBonusDto)
  birthday?: BirthdayBonusDto;
  @ApiPropertyOptional({ nullable: true, example: 5000, description: 'Most points one sale earns; omitted: 100000 (the default); null: no cap' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  maxPointsPerTransaction?: number | null;
  @ApiPropertyOptional({
    nullable: true,
    example: 20000,
    description: 'Most points one member earns on one UTC day; omitted: 200000 (the default); null: no cap',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  maxPointsPerDay?: number | null;
}

export class RuleSetResponse {
  @ApiProperty() version!: number;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ description: 'The rules (same shape as the create request without effectiveFrom)' }) rules!: Record<string, unknown>;
}
