import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const MEMBER_UPDATABLE_FIELDS = ['name', 'phone', 'email', 'birthday', 'preferredStoreId', 'memberClass', 'organisationId'] as const;
export type MemberUpdatableField = (typeof MEMBER_UPDATABLE_FIELDS)[number];

/** A member's profile changed: WHICH fields, who and when; never the values. */
export class MemberUpdatedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsArray() @ArrayMaxSize(MEMBER_UPDATABLE_FIELDS.length) @IsIn(MEMBER_UPDATABLE_FIELDS, { each: true }) fields!: MemberUpdatableField[];
  /** Role of whoever made the change (customer, service_agent, ...). */
  @IsString() @MaxLength(32) actorRole!: string;
  /** Staff user id, or the member id when the customer changed it themselves. */
  @IsString() @MaxLength(128) actorId!: string;
  @IsISO8601() updatedAt!: string;
}

export const MemberUpdatedV1Event = defineEvent({
  type: 'member.updated',
  version: 1,
  description: 'A member profile changed (field names only, no values).',
  payload: MemberUpdatedV1,
  key: (p) => p.memberId,
});
