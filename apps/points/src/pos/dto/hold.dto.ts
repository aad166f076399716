import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BalanceSnapshotDto } from './sale-result.dto';

export const HOLD_STATUSES = ['held', 'released', 'reversed'] as const;

export class ListHoldsQuery {
  @ApiPropertyOptional({ enum: HOLD_STATUSES, default: 'held' }) @IsOptional() @IsIn(HOLD_STATUSES) status?: (typeof HOLD_STATUSES)[number];
  @ApiPropertyOptional({ example: 'store-1' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'storeId must be 1-64 letters, digits, dot, underscore or dash' })
  storeId?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class ReviewHoldDto {
  @ApiPropertyOptional({ example: 'Checked the receipt with the store manager', description: 'Why (kept on the sale)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReverseHoldDto {
  @ApiProperty({ example: 'Till keyed 100x the amount; the customer paid 100.00' }) @IsString() @IsNotEmpty() @MaxLength(500) note!: string;
}

export class HoldDecisionDto {
  @ApiProperty({ enum: HOLD_STATUSES }) status!: (typeof HOLD_STATUSES)[number];
  @ApiPropertyOptional({ nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedByRole!: string | null;
  @ApiPropertyOptional({ nullable: true }) note!: string | null;
}

export class HeldSaleDto {
  @ApiProperty({ example: 'store-1:T-000123' }) purchaseId!: string;
  @ApiProperty() storeId!: string;
  @ApiProperty() transactionId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'Sale total, integer minor units' }) totalMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'Points the sale earns if released' }) points!: number;
  @ApiProperty({ description: "The store's median recent sale total when it was held" }) medianMinor!: number;
  @ApiProperty() thresholdMinor!: number;
  @ApiProperty({ description: 'How many recent sales the median was taken over' }) history!: number;
  @ApiProperty({ type: HoldDecisionDto }) decision!: HoldDecisionDto;
}

export class HeldSalesPageDto {
  @ApiProperty({ type: [HeldSaleDto] }) items!: HeldSaleDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class HoldReviewResultDto {
  @ApiProperty() purchaseId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ enum: ['released', 'reversed'] }) status!: 'released' | 'reversed';
  @ApiProperty({ description: 'Points credited by the release (0 when reversed)' }) pointsCredited!: number;
  @ApiProperty({ type: BalanceSnapshotDto }) balance!: BalanceSnapshotDto;
}
