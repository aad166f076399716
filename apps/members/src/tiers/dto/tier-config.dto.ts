import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class TierBenefitsDto {
  @ApiProperty({ example: 150, description: 'Points earn multiplier in percent (100 = 1x).' })
  @IsInt()
  @Min(0)
  @Max(10000)
  earnMultiplierPercent!: number;
  @ApiProperty({ example: 500 }) @IsInt() @Min(0) @Max(1_000_000) birthdayBonusPoints!: number;
  @ApiProperty({ example: 8 }) @IsInt() @Min(0) @Max(100) memberDayDiscountPercent!: number;
  @ApiProperty() @IsBoolean() priorityService!: boolean;
  @ApiProperty() @IsBoolean() freeDelivery!: boolean;
}

export class TierDto {
  @ApiProperty({ example: 'gold' }) @IsString() @Matches(/^[a-z][a-z0-9_-]{0,31}$/) code!: string;
  @ApiProperty({ example: 'Gold' }) @IsString() @MaxLength(64) name!: string;
  @ApiProperty({ example: 500000, description: 'Qualifying spend in minor units needed within the window; the lowest tier has 0.' })
  @IsInt()
  @Min(0)
  thresholdMinor!: number;
  @ApiProperty({ type: TierBenefitsDto }) @ValidateNested() @Type(() => TierBenefitsDto) benefits!: TierBenefitsDto;
}

export class TierConfigDto {
  @ApiProperty({ type: [TierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TierDto)
  tiers!: TierDto[];
}

export class TierConfigResponse extends TierConfigDto {
  @ApiProperty({ example: 'rolling_12_months', enum: ['rolling_12_months', 'calendar_year'] }) qualification!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ example: 30 }) graceDays!: number;
  @ApiProperty({ example: 2, description: '0 = built-in defaults, never changed' }) version!: number;
}

export class SimulationResponse {
  @ApiProperty() up!: number;
  @ApiProperty() down!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Members per tier under the proposal' }) byTier!: Record<
    string,
    number
  >;
}
