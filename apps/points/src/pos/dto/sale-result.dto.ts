import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RuleContributionDto {
  @ApiProperty({ example: 'base' }) rule!: string;
  @ApiProperty({ example: 25 }) points!: number;
}

export class EarnedPointsDto {
  @ApiProperty({ description: 'Points earned by this sale' }) earned!: number;
  @ApiProperty({
    enum: ['pending', 'available', 'held'],
    description: '`held`: the sale is far above the store basket; its points wait for a staff review (neither pending nor available until released)',
  })
  status!: 'pending' | 'available' | 'held';
  @ApiProperty({ description: 'Part of `earned` that is pending (return window)' }) pending!: number;
  @ApiProperty({ description: 'Part of `earned` available at once' }) available!: number;
  @ApiProperty() availableAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() ruleVersion!: number;
  @ApiProperty({ type: [RuleContributionDto], description: 'What produced the points (print on the receipt)' }) rules!: RuleContributionDto[];
}

export class BalanceSnapshotDto {
  @ApiProperty() available!: number;
  @ApiProperty() pending!: number;
}

export class SaleHoldDto {
  @ApiProperty({ enum: ['held'] }) status!: 'held';
  @ApiProperty({ enum: ['basket_anomaly'], description: "The total is above POINTS_ANOMALY_MULTIPLE x the median of the store's recent sale totals" })
  reason!: 'basket_anomaly';
  @ApiProperty({ description: "The store's median recent sale total (minor units)" }) medianMinor!: number;
  @ApiProperty({ description: 'Totals above this are held (minor units)' }) thresholdMinor!: number;
}

export class SaleResultDto {
  @ApiProperty({ example: 'store-1:T-000123' }) purchaseId!: string;
  @ApiProperty() storeId!: string;
  @ApiProperty() transactionId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: EarnedPointsDto }) points!: EarnedPointsDto;
  @ApiProperty({ type: BalanceSnapshotDto, description: "The member's balance after this sale" }) balance!: BalanceSnapshotDto;
  @ApiPropertyOptional({ type: SaleHoldDto, description: 'Present when the points are held for review' }) hold?: SaleHoldDto;
}

export class BatchItemResultDto {
  @ApiProperty() index!: number;
  @ApiPropertyOptional() transactionId?: string;
  @ApiProperty({ description: 'HTTP status this sale would have had alone (201 new, 200 replay, 4xx/5xx problem)' }) status!: number;
  @ApiPropertyOptional({ type: SaleResultDto }) result?: SaleResultDto;
  @ApiPropertyOptional({ description: 'Stable error code' }) code?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: Object }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [Object] }) errors?: Array<{ field: string; rule: string; message: string }>;
}

export class BatchResultDto {
  @ApiProperty() total!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: [BatchItemResultDto] }) results!: BatchItemResultDto[];
}

export class ReturnResultDto {
  @ApiProperty() returnId!: string;
  @ApiProperty() purchaseId!: string;
  @ApiProperty({ nullable: true, type: String }) memberId!: string | null;
  @ApiProperty() refundMinor!: number;
  @ApiProperty({ description: 'Points taken back' }) pointsReversed!: number;
  @ApiProperty() fromPending!: number;
  @ApiProperty() fromAvailable!: number;
  @ApiPropertyOptional({ type: BalanceSnapshotDto, nullable: true }) balance!: BalanceSnapshotDto | null;
}

export class ClaimResultDto extends SaleResultDto {}
