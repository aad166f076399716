import { IsString, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Published daily for each member whose birthday it is (the date only, never the birth year). */
export class MemberBirthdayV1 {
  @IsString() @MaxLength(64) memberId!: string;
  /** The calendar day (UTC) on which the birthday is celebrated, YYYY-MM-DD. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) date!: string;
}

export const MemberBirthdayV1Event = defineEvent({
  type: 'member.birthday',
  version: 1,
  description: "Today is the member's birthday (for birthday bonuses and campaigns).",
  payload: MemberBirthdayV1,
  key: (p) => p.memberId,
});
