import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const ID = /^[A-Za-z0-9._-]{1,64}$/;

export class CreateRewardDto {
  @ApiProperty({ example: 'coffee-voucher' }) @Matches(ID) rewardId!: string;
  @ApiProperty({ example: 'Free coffee' }) @IsString() @MaxLength(120) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiProperty({ example: 500 }) @IsInt() @Min(1) @Max(100_000_000) pointsCost!: number;
  @ApiPropertyOptional({ description: 'Validity of issued coupons in days (default COUPON_VALIDITY_DAYS)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  couponValidityDays?: number;
}

export class RewardResponse {
  @ApiProperty() rewardId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() pointsCost!: number;
  @ApiProperty() couponValidityDays!: number;
  @ApiProperty() active!: boolean;
}

export class RedeemRewardDto {
  @ApiProperty({ description: 'Caller-chosen id making the purchase idempotent' }) @Matches(ID) requestId!: string;
}

export class CouponResponse {
  @ApiProperty() couponId!: string;
  @ApiProperty({ description: 'What the till scans (show it only to the member)' }) code!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() rewardId!: string;
  @ApiProperty() pointsCost!: number;
  @ApiProperty({ enum: ['issued', 'redeemed', 'cancelled', 'expired'] }) state!: 'issued' | 'redeemed' | 'cancelled' | 'expired';
  @ApiProperty() issuedAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ nullable: true, type: String }) redeemedAt!: string | null;
}

export class CouponListResponse {
  @ApiProperty({ type: [CouponResponse] }) items!: CouponResponse[];
}

export class PosRedeemCouponDto {
  @ApiProperty({ example: 'store-1' }) @Matches(ID) storeId!: string;
  @ApiPropertyOptional({ description: 'The sale the coupon is used on (makes a retry recognisable)' }) @IsOptional() @Matches(ID) transactionId?: string;
}

export class CouponCodeParam {
  @ApiProperty() @Matches(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, { message: 'code must look like XXXX-XXXX-XXXX-XXXX' }) code!: string;
}
