import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { normaliseCardNumber } from '@app/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const ID_MESSAGE = '$property must be 1-64 letters, digits, dot, underscore or dash';
const MAX_MINOR = 1_000_000_000_00; // 100 million currency units in cents

/** Exactly one of memberId, cardNumber, phone. */
export class MemberIdentifierDto {
  @ApiPropertyOptional({ example: 'm-123' }) @IsOptional() @IsString() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
  @ApiPropertyOptional({ example: '6200000012345678', description: 'As printed or scanned; spaces and dashes are dropped (the normalisation members uses)' })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseCardNumber(value) : value))
  @Matches(/^[A-Z0-9]{4,32}$/, { message: 'member.cardNumber must be 4-32 letters or digits (spaces and dashes allowed between)' })
  cardNumber?: string;
  @ApiPropertyOptional({
    example: '+86 138 0013 8002',
    description:
      'Any form members accepts at enrolment (spaces, dashes, +86 / 0086 / none); normalised to E.164 before the lookup, 400 member.phone isPhoneNumber otherwise',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;
}

export class SaleLineDto {
  @ApiProperty({ example: 'SKU-1' }) @IsString() @MaxLength(64) sku!: string;
  @ApiProperty({ example: 'grocery' }) @IsString() @MaxLength(64) category!: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(100000) quantity!: number;
  @ApiProperty({ example: 1250, description: 'Integer minor units' }) @IsInt() @Min(0) @Max(MAX_MINOR) unitPriceMinor!: number;
  @ApiPropertyOptional({
    example: 0,
    description: 'Line discount, integer minor units; never above quantity x unitPriceMinor (422 POS.LINE_DISCOUNT_EXCEEDS_LINE)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  discountMinor?: number;
}

export const TENDER_TYPES = ['cash', 'card', 'mobile', 'coupon', 'points', 'voucher', 'other'] as const;

export type TenderType = (typeof TENDER_TYPES)[number];

export class TenderDto {
  @ApiProperty({ enum: TENDER_TYPES }) @IsIn(TENDER_TYPES) type!: TenderType;
  @ApiProperty({ example: 2500 }) @IsInt() @Min(0) @Max(MAX_MINOR) amountMinor!: number;
}

/** `tender`: one tender type for the whole amount (`"card"`), or the split `[{ type, amountMinor }]`. */
function IsTender(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTender',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be one of ${TENDER_TYPES.join(', ')} or an array (at most 20) of { type, amountMinor }` },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value === 'string') return (TENDER_TYPES as readonly string[]).includes(value);
          if (!Array.isArray(value) || value.length > 20) return false;
          return value.every((t: unknown) => {
            if (typeof t !== 'object' || t === null || Array.isArray(t)) return false;
            const { type, amountMinor, ...rest } = t as Record<string, unknown>;
            return (
              Object.keys(rest).length === 0 &&
              typeof type === 'string' &&
              (TENDER_TYPES as readonly string[]).includes(type) &&
              Number.isInteger(amountMinor) &&
              (amountMinor as number) >= 0 &&
              (amountMinor as number) <= MAX_MINOR
            );
          });
        },
      },
    });
}

/** A sale from a till. (storeId, transactionId) is its idempotency key. */
@ApiExtraModels(TenderDto)
export class SaleDto {
  @ApiProperty({ example: 'store-1' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) storeId!: string;
  @ApiProperty({ example: 'till-3' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) terminalId!: string;
  @ApiProperty({ example: 'T-000123', description: "The till's own transaction id" }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) transactionId!: string;
  @ApiProperty({ type: MemberIdentifierDto }) @IsObject() @ValidateNested() @Type(() => MemberIdentifierDto) member!: MemberIdentifierDto;
  @ApiProperty({
    example: '2026-03-01T10:15:00Z',
    description:
      'Within POINTS_SALE_MAX_AGE_DAYS (default: the claim window) in the past and POINTS_SALE_MAX_FUTURE_MINUTES (default 5) in the future; else 422 POS.OCCURRED_AT_TOO_OLD / POS.OCCURRED_AT_IN_FUTURE',
  })
  @IsISO8601({ strict: true })
  occurredAt!: string;
  @ApiProperty({
    example: 'CNY',
    description: 'ISO 4217; must be accepted for the store (POINTS_ACCEPTED_CURRENCIES / POINTS_STORE_CURRENCIES), else 422 POS.CURRENCY_NOT_ACCEPTED',
  })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency!: string;
  @ApiProperty({ type: [SaleLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SaleLineDto)
  lines!: SaleLineDto[];
  @ApiProperty({
    example: 2500,
    description:
      'Amount paid, integer minor units: the sum of the lines (quantity x unitPriceMinor - discountMinor) within POINTS_SALE_TOLERANCE_MINOR (default 0), else 422 POS.TOTAL_MISMATCH',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  totalMinor!: number;
  @ApiProperty({
    oneOf: [
      { type: 'string', enum: [...TENDER_TYPES] },
      { type: 'array', items: { $ref: getSchemaPath(TenderDto) } },
    ],
    description: 'One tender type, or the split by tender (adding up to totalMinor within the tolerance, else 422 POS.TENDER_MISMATCH)',
  })
  @IsTender()
  tender!: TenderType | TenderDto[];
}

export class SaleBatchDto {
  @ApiPropertyOptional({ example: 'store-1', description: 'The uploading store; when given, every transaction must be of this store' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  storeId?: string;
  @ApiProperty({ type: [SaleDto], description: 'Up to 1000 sales (each as in POST /v1/pos/transactions), validated and recorded one by one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  transactions!: Array<Record<string, unknown>>;
}

export class ReceiptRefDto {
  @ApiProperty({ example: 'store-1' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) storeId!: string;
  @ApiProperty({ example: 'T-000123' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) transactionId!: string;
}

export class ReturnLineDto {
  @ApiProperty() @IsString() @MaxLength(64) sku!: string;
  @ApiProperty() @IsString() @MaxLength(64) category!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(100000) quantity!: number;
  @ApiProperty({
    description:
      'Refunded for this line, integer minor units; with earlier returns never above what the lines of this SKU in the sale came to (422 POS.REFUND_EXCEEDS_SALE)',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  refundMinor!: number;
}

/** A return (full or partial) of an earlier sale. (storeId, transactionId) of the return is its idempotency key. */
export class ReturnDto {
  @ApiProperty({ example: 'store-1' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) storeId!: string;
  @ApiProperty({ example: 'till-3' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) terminalId!: string;
  @ApiProperty({ example: 'R-000045', description: "The till's own id of the return transaction" })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  transactionId!: string;
  @ApiProperty({ type: ReceiptRefDto, description: 'The original sale' }) @IsObject() @ValidateNested() @Type(() => ReceiptRefDto) original!: ReceiptRefDto;
  @ApiProperty() @IsISO8601({ strict: true }) occurredAt!: string;
  @ApiProperty({ example: 'CNY' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency!: string;
  @ApiProperty({
    example: 1000,
    description:
      'Total refunded, integer minor units: never above what is left of the sale (422 POS.RETURN_EXCEEDS_SALE); equals the sum of the lines when lines are given (422 POS.RETURN_LINES_MISMATCH)',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_MINOR)
  refundMinor!: number;
  @ApiPropertyOptional({
    type: [ReturnLineDto],
    description: 'Returned lines by SKU of the original sale (422 POS.RETURN_LINES_MISMATCH for a SKU not sold; POS.REFUND_EXCEEDS_SALE beyond what was sold)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineDto)
  lines?: ReturnLineDto[];
}

/** A customer claims a sale made before they were identified (receipt = store + transaction id). */
export class ClaimDto extends ReceiptRefDto {}
