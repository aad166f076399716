import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { LEDGER_ENTRY_TYPES } from '../ledger.schema';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class ExpiringDto {
  @ApiProperty() points!: number;
  @ApiProperty() expiresAt!: string;
}

/** The shape the gateway aggregates into the membership status: keep the names. */
export class BalanceResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ description: 'Spendable points (may be negative after a return of spent points)' }) available!: number;
  @ApiProperty({ description: 'Points inside the return window' }) pending!: number;
  @ApiProperty() expiringWithin30Days!: number;
  @ApiProperty({ type: [ExpiringDto], description: 'Upcoming expiries within `days` (default 30), oldest first' }) expiring!: ExpiringDto[];
}

export class BalanceQuery {
  @ApiPropertyOptional({ default: 30, description: 'Window of the `expiring` list, in days' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(730)
  days?: number;
}

export class HistoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class HistoryItem {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LEDGER_ENTRY_TYPES }) type!: string;
  @ApiProperty({ description: 'Change of available points' }) available!: number;
  @ApiProperty({ description: 'Change of pending points' }) pending!: number;
  @ApiProperty({ description: 'Why (a readable reason code)' }) reason!: string;
  @ApiProperty({ type: Object }) reference!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
}

export class HistoryPage {
  @ApiProperty({ type: [HistoryItem] }) items!: HistoryItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null at the end' }) nextCursor!: string | null;
}

export class RedeemDto {
  @ApiProperty({ description: 'Caller-chosen id making the redemption idempotent' }) @Matches(ID) requestId!: string;
  @ApiProperty({ example: 500 }) @IsInt() @Min(1) @Max(100_000_000) points!: number;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) rewardId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) storeId?: string;
}

export class RedemptionResponse {
  @ApiProperty() redemptionId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'Available points after the redemption' }) available!: number;
  @ApiProperty() pending!: number;
}

export class AdjustmentDto {
  @ApiProperty({ description: 'Caller-chosen id making the adjustment idempotent' }) @Matches(ID) adjustmentId!: string;
  @ApiProperty({ description: 'Signed, non-zero' }) @IsInt() @NotEquals(0) @Min(-100_000_000) @Max(100_000_000) points!: number;
  @ApiProperty({ example: 'goodwill' }) @Matches(/^[a-z0-9_.-]{1,64}$/) reasonCode!: string;
  @ApiPropertyOptional({ description: 'Free text for the audit trail (kept in this service, never published)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AdjustmentResponse {
  @ApiProperty() adjustmentId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() available!: number;
  @ApiProperty() pending!: number;
}

export class DriftRow {
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: Object }) stored!: { available: number; pending: number; spent: number };
  @ApiProperty({ type: Object }) fromLedger!: { available: number; pending: number; spent: number };
  @ApiProperty() repaired!: boolean;
}

export class ReconcileResponse {
  @ApiProperty() membersChecked!: number;
  @ApiProperty() drifted!: number;
  @ApiProperty({ type: [DriftRow] }) drift!: DriftRow[];
}

export class ReconcileQuery {
  @ApiPropertyOptional({ description: 'Only this member' }) @IsOptional() @Matches(ID) memberId?: string;
}

class JobCount {
  @ApiProperty() lots!: number;
  @ApiProperty() points!: number;
}
class ExpiryCount {
  @ApiProperty() members!: number;
  @ApiProperty() points!: number;
}
export class JobReportResponse {
  @ApiProperty({ type: JobCount }) released!: JobCount;
  @ApiProperty({ type: ExpiryCount }) expired!: ExpiryCount;
  @ApiProperty() sweptInflight!: number;
}
