import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TierBenefitsDto } from './tier-config.dto';

export class CurrentTierView {
  @ApiProperty({ example: 'gold' }) code!: string;
  @ApiProperty({ example: 'Gold' }) name!: string;
  @ApiProperty({ type: TierBenefitsDto }) benefits!: TierBenefitsDto;
}

export class NextTierView {
  @ApiProperty({ example: 'platinum' }) code!: string;
  @ApiProperty({ example: 'Platinum' }) name!: string;
  @ApiProperty({ example: 250000, description: 'Qualifying spend (minor units) still missing' }) remainingMinor!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ example: '2027-03-01T00:00:00.000Z', description: 'End of the window in which the spend must happen' }) deadline!: string;
}

export class TierStatusResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: CurrentTierView }) tier!: CurrentTierView;
  @ApiProperty({ type: NextTierView, nullable: true }) nextTier!: NextTierView | null;
  @ApiProperty({ example: '2027-03-01T00:00:00.000Z' }) reviewDate!: string;
  @ApiProperty({ example: 250000 }) qualifyingSpendMinor!: number;
  @ApiPropertyOptional({ description: 'Set while a staff override is active' }) overrideExpiresAt?: string;
}

export class TierOverrideDto {
  @ApiProperty({ example: 'gold' }) @IsString() @Matches(/^[a-z][a-z0-9_-]{0,31}$/) tierCode!: string;
  @ApiProperty({ example: 'Service recovery after complaint C-123' }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;
  @ApiProperty({ example: '2027-01-01T00:00:00Z' }) @IsISO8601({ strict: true }) expiresAt!: string;
}

export class TierHistoryItem {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ description: 'Actor id or "system"' }) by!: string;
  @ApiPropertyOptional() note?: string;
}

export class TierHistoryResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: [TierHistoryItem] }) items!: TierHistoryItem[];
}

export class JobResult {
  @ApiProperty() job!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) counts!: Record<string, number>;
}
