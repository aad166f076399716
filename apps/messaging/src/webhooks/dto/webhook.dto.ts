import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { ENDPOINT_STATUSES, WEBHOOK_DELIVERY_STATUSES, type EndpointStatus, type WebhookDeliveryStatus } from '../webhook.schema';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class CreateEndpointDto {
  @ApiProperty({ example: 'https://shop.example.com/hooks/loyalty' }) @IsUrl(url) @MaxLength(2000) url!: string;
  @ApiProperty({ example: ['points.earned.v1'], description: 'Event names (= topics) to receive' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  eventTypes!: string[];
  @ApiPropertyOptional({ example: 'Shop site points feed' }) @IsOptional() @IsString() @MaxLength(200) description?: string;
}

export class UpdateEndpointDto {
  @ApiPropertyOptional({ enum: ENDPOINT_STATUSES, description: 'paused: events are held; active: they flow again (held ones need a replay)' })
  @IsOptional()
  @IsIn(ENDPOINT_STATUSES)
  status?: EndpointStatus;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) eventTypes?: string[];
  @ApiPropertyOptional() @IsOptional() @IsUrl(url) @MaxLength(2000) url?: string;
}

export class ReplayDto {
  @ApiProperty({ example: '2026-03-01T00:00:00.000Z', description: 'Send again every event of this endpoint that occurred at or after this instant' })
  @IsISO8601({ strict: true })
  from!: string;
}

export class EndpointIdParam {
  @ApiProperty() @Matches(/^wh_[A-Za-z0-9_-]{6,40}$/) endpointId!: string;
}

export class ListWebhookDeliveriesQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES }) @IsOptional() @IsIn(WEBHOOK_DELIVERY_STATUSES) status?: WebhookDeliveryStatus;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class EndpointResponse {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ enum: ENDPOINT_STATUSES }) status!: EndpointStatus;
  @ApiProperty({ nullable: true, type: String }) pausedReason!: string | null;
  @ApiProperty() consecutiveFailures!: number;
  @ApiProperty() createdAt!: string;
}

export class CreatedEndpointResponse extends EndpointResponse {
  @ApiProperty({ description: 'The signing secret, shown only now: verify `x-loyalty-signature` with it' }) secret!: string;
}

export class EndpointListResponse {
  @ApiProperty({ type: [EndpointResponse] }) items!: EndpointResponse[];
}

export class ReplayResponse {
  @ApiProperty() endpointId!: string;
  @ApiProperty({ description: 'Deliveries queued again' }) queued!: number;
}

export class WebhookAttemptView {
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty() response!: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventName!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ type: [WebhookAttemptView] }) log!: WebhookAttemptView[];
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items!: WebhookDeliveryResponse[];
}
