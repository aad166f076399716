import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';

export class PurchaseCategoryAmountV1 {
  @IsString() @MaxLength(64) category!: string;
  /** Integer minor units. */
  @IsInt() @Min(0) amountMinor!: number;
}

/** A sale was recorded for a member: what RFM scoring and tier qualification need. */
export class PurchaseRecordedV1 {
  @IsString() @MaxLength(160) purchaseId!: string;
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  @IsString() @MaxLength(64) storeId!: string;
  /** Integer minor units of `currency`. */
  @IsInt() @Min(0) amountMinor!: number;
  @IsString() @Length(3, 3) currency!: string;
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PurchaseCategoryAmountV1)
  categories!: PurchaseCategoryAmountV1[];
  @IsISO8601() occurredAt!: string;
}

export const PurchaseRecordedV1Event = defineEvent({
  type: 'purchase.recorded',
  version: 1,
  description: 'A POS sale was recorded (member id null when the member was unknown at the till).',
  payload: PurchaseRecordedV1,
  key: (p) => p.memberId ?? p.storeId,
});
