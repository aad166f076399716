import { IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const ENROLMENT_CHANNELS = ['store', 'web', 'app'] as const;
export type EnrolmentChannel = (typeof ENROLMENT_CHANNELS)[number];

/** A member joined the programme. Ids and non-personal attributes only. */
export class MemberEnrolledV1 {
  @IsString() @MaxLength(64) memberId!: string;
  @IsIn(ENROLMENT_CHANNELS) channel!: EnrolmentChannel;
  @IsString() @MaxLength(64) memberClass!: string;
  @IsString() @MaxLength(64) tier!: string;
  @IsString() @MaxLength(64) preferredStoreId!: string;
  @IsISO8601() enrolledAt!: string;
}

export const MemberEnrolledV1Event = defineEvent({
  type: 'member.enrolled',
  version: 1,
  description: 'A member enrolled (from a store, the web or the app).',
  payload: MemberEnrolledV1,
  key: (p) => p.memberId,
});
