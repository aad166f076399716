import { IsBoolean, IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CONSENT_PURPOSES = ['marketing', 'analytics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** A consent was granted or withdrawn. Withdrawal of marketing stops campaigns at once. */
export class MemberConsentChangedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsIn(CONSENT_PURPOSES) purpose!: ConsentPurpose;
  @IsBoolean() granted!: boolean;
  @IsString() @MaxLength(32) policyVersion!: string;
  @IsISO8601() changedAt!: string;
}

export const MemberConsentChangedV1Event = defineEvent({
  type: 'member.consent.changed',
  version: 1,
  description: 'A member granted or withdrew consent for a purpose.',
  payload: MemberConsentChangedV1,
  key: (p) => p.memberId,
});
