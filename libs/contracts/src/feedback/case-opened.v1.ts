import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Codes shared by the feedback events (the case model's vocabulary; codes only, never free text). */
export const CASE_KINDS = ['complaint', 'consultation', 'after_sales'] as const;
export const CASE_SEVERITIES = ['urgent', 'normal', 'routine'] as const;
export const CASE_CATEGORIES = [
  'product_quality',
  'service_attitude',
  'payment_checkout',
  'returns_exchanges',
  'store_environment',
  'promotion_dispute',
  'other',
] as const;

/** A complaint, consultation or after-sales request was recorded. */
export class CaseOpenedV1 {
  @IsString() @MaxLength(64) caseId!: string;
  @IsIn(CASE_KINDS) kind!: string;
  @Matches(/^[a-z_]{1,32}$/) subtype!: string;
  @IsIn(CASE_CATEGORIES) category!: string;
  @IsIn(CASE_SEVERITIES) severity!: string;
  @Matches(/^[a-z_]{1,32}$/) channel!: string;
  @IsOptional() @IsString() @MaxLength(64) storeId!: string | null;
  /** Null for a non-member contact. */
  @IsOptional() @IsString() @MaxLength(64) memberId!: string | null;
  /** Same member or contact, same category, within 30 days. */
  @IsBoolean() repeat!: boolean;
  /** Set when a low survey score opened this case as a follow-up. */
  @IsOptional() @IsString() @MaxLength(64) followUpOf!: string | null;
  @IsISO8601() openedAt!: string;
}

export const CaseOpenedV1Event = defineEvent({
  type: 'feedback.case.opened',
  version: 1,
  description: 'A feedback case (complaint, consultation, after-sales request) was opened; codes only.',
  payload: CaseOpenedV1,
  key: (p) => p.memberId ?? p.caseId,
});
