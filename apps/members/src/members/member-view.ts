import { maskBirthday, maskEmail, maskName, maskPhone } from '@app/common';
import type { ConsentsView, MemberResponse } from './dto/member.response';
import type { Member } from './member.schema';
import type { PlainPersonalData } from './personal-data.codec';

function iso(d: Date | string | null | undefined): string {
  return d ? new Date(d).toISOString() : '';
}

export function consentsView(member: Pick<Member, 'consents'>): ConsentsView {
  const view: ConsentsView = {};
  for (const [purpose, c] of Object.entries(member.consents ?? {})) {
    if (c) view[purpose as keyof ConsentsView] = { granted: c.granted, at: iso(c.at), channel: c.channel, policyVersion: c.policyVersion };
  }
  return view;
}

/** The API view of a member: personal fields opened and, unless `unmasked`, masked. */
export function toMemberResponse(member: Member, plain: PlainPersonalData, unmasked: boolean): MemberResponse {
  const show = <T extends string>(value: T | undefined, mask: (v: T) => string): string | null => (value === undefined ? null : unmasked ? value : mask(value));
  return {
    memberId: member._id,
    cardNumber: member.cardNumber ?? null,
    status: member.status,
    masked: !unmasked,
    name: show(plain.name, maskName),
    phone: show(plain.phone, maskPhone),
    email: show(plain.email, maskEmail),
    birthday: show(plain.birthday, maskBirthday),
    memberClass: member.memberClass,
    organisationId: member.organisationId ?? null,
    preferredStoreId: member.preferredStoreId,
    channel: member.channel,
    tier: member.tier.code,
    consents: consentsView(member),
    enrolledAt: iso(member.enrolledAt),
    updatedAt: iso(member.updatedAt),
  };
}
