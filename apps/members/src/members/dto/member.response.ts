import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ConsentView {
  @ApiProperty() granted!: boolean;
  @ApiProperty() at!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() policyVersion!: string;
}

export class ConsentsView {
  @ApiPropertyOptional({ type: ConsentView }) marketing?: ConsentView;
  @ApiPropertyOptional({ type: ConsentView }) analytics?: ConsentView;
}

export class MemberResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ nullable: true, example: '8123456789012346' }) cardNumber!: string | null;
  @ApiProperty({ enum: ['active', 'erased'] }) status!: string;
  @ApiProperty({ description: 'True when personal fields are masked' }) masked!: boolean;
  @ApiProperty({ nullable: true, example: '张*' }) name!: string | null;
  @ApiProperty({ nullable: true, example: '138****8000' }) phone!: string | null;
  @ApiProperty({ nullable: true, example: 'z***@example.com' }) email!: string | null;
  @ApiProperty({ nullable: true, example: '****-**-**' }) birthday!: string | null;
  @ApiProperty() memberClass!: string;
  @ApiProperty({ nullable: true }) organisationId!: string | null;
  @ApiProperty() preferredStoreId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ example: 'regular' }) tier!: string;
  @ApiProperty({ type: ConsentsView }) consents!: ConsentsView;
  @ApiProperty() enrolledAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ResolveResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ example: 'gold' }) tier!: string;
}

export class ChangeHistoryItem {
  @ApiProperty({ type: [String] }) fields!: string[];
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty() at!: string;
}

export class ChangeHistoryResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: [ChangeHistoryItem] }) items!: ChangeHistoryItem[];
}

export class AccessLogItem {
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: [String] }) fields!: string[];
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
}

export class AccessLogResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ type: [AccessLogItem] }) items!: AccessLogItem[];
}

export class ErasureResponse {
  @ApiProperty() memberId!: string;
  @ApiProperty({ enum: ['erased'] }) status!: string;
  @ApiProperty() erasedAt!: string;
}

/** Machine-readable export of everything held about a member (data portability). */
export class MemberExportResponse {
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ type: MemberResponse }) member!: MemberResponse;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) consentHistory!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) changeHistory!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) tierHistory!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) qualifyingSpend!: Record<string, unknown>[];
}
