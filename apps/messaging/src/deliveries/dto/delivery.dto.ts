import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery.schema';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class ListDeliveriesQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) memberId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) campaignId?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional({ description: 'The last id of the previous page' }) @IsOptional() @IsString() @MaxLength(200) after?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class DeliveryIdParam {
  @ApiProperty({ example: 'campaign:c_1:m_2' }) @IsString() @Matches(/^[A-Za-z0-9_:-]{1,200}$/) deliveryId!: string;
}

export class CampaignIdParam {
  @ApiProperty() @Matches(ID) campaignId!: string;
}

export class DeliveryAttemptView {
  @ApiProperty() at!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty() detail!: string;
}

export class DeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() marketing!: boolean;
  @ApiProperty() channel!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ nullable: true, type: String }) campaignId!: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why skipped, failed, or waiting (no_consent, frequency_cap, quiet_hours, smtp_550, ...)' })
  reason!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) locale!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: [DeliveryAttemptView] }) history!: DeliveryAttemptView[];
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryResponse] }) items!: DeliveryResponse[];
  @ApiProperty({ nullable: true, type: String }) next!: string | null;
}

export class CampaignDeliveryCount {
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() count!: number;
}

export class CampaignDeliverySummary {
  @ApiProperty() campaignId!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Messages per status' }) byStatus!: Record<DeliveryStatus, number>;
  @ApiProperty({ type: [CampaignDeliveryCount] }) details!: CampaignDeliveryCount[];
}
