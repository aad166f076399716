import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

export class AuditLogQuery {
  @ApiPropertyOptional({ description: 'Only reads of this member' })
  @IsOptional()
  @Matches(ID, { message: 'memberId must be 1-64 letters, digits, dot, underscore, colon or dash' })
  memberId?: string;
  @ApiPropertyOptional({ description: 'Only reads by this actor (staff user id, member id of a customer)' })
  @IsOptional()
  @Matches(ID, { message: 'actorId must be 1-64 letters, digits, dot, underscore, colon or dash' })
  actorId?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'From this time (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z', description: 'Before this time (exclusive)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class AuditLogEntry {
  @ApiProperty() id!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ description: 'read, lookup, export' }) action!: string;
  @ApiProperty({ type: [String], description: 'Which personal-data fields were shown unmasked' }) fields!: string[];
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
}

export class AuditLogPage {
  @ApiProperty({ type: [AuditLogEntry] }) items!: AuditLogEntry[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page' }) nextCursor!: string | null;
}
