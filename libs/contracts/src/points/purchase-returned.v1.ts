import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { PurchaseCategoryAmountV1 } from './purchase-recorded.v1';

/** Goods of a recorded sale were returned: refunded amount per category (tiers and RFM subtract it). */
export class PurchaseReturnedV1 {
  @IsString() @MaxLength(160) returnId!: string;
  @IsString() @MaxLength(160) purchaseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsString() @MaxLength(64) storeId!: string;
  /** Refunded amount, integer minor units of `currency`. */
  @IsInt() @Min(0) amountMinor!: number;
  @IsString() @Length(3, 3) currency!: string;
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PurchaseCategoryAmountV1)
  categories!: PurchaseCategoryAmountV1[];
  @IsISO8601() occurredAt!: string;
}

export const PurchaseReturnedV1Event = defineEvent({
  type: 'purchase.returned',
  version: 1,
  description: 'Goods from a recorded sale were returned (full or partial).',
  payload: PurchaseReturnedV1,
  key: (p) => p.memberId ?? p.storeId,
});
