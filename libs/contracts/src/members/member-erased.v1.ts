import { IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A member exercised the right to erasure: every service forgets what it holds about them. */
export class MemberErasedV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsISO8601() erasedAt!: string;
}

export const MemberErasedV1Event = defineEvent({
  type: 'member.erased',
  version: 1,
  description: 'A member was erased; the id stays as a pseudonym, every service drops personal data.',
  payload: MemberErasedV1,
  key: (p) => p.memberId,
});
