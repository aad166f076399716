import { Injectable } from '@nestjs/common';
import { KeyedHasher, normalisePhone, PersonalDataCipher, ValidationFailedError } from '@app/common';
import { MembersEnv } from '../config/members.env';
import { PERSONAL_FIELDS, type SealedPersonalData } from './member.schema';

export interface PlainPersonalData {
  name?: string;
  /** E.164 */
  phone?: string;
  /** lower-cased */
  email?: string;
  /** YYYY-MM-DD */
  birthday?: string;
}

/** Normalises identifiers, seals personal fields for storage and opens them again; computes blind indexes. */
@Injectable()
export class PersonalDataCodec {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly hasher: KeyedHasher,
    private readonly env: MembersEnv,
  ) {}

  phone(raw: string, field = 'phone'): string {
    const parsed = normalisePhone(raw, this.env.DEFAULT_PHONE_REGION);
    if (!parsed.ok) throw new ValidationFailedError([{ field, rule: 'isPhoneNumber', message: `${field} is not a valid phone number (${parsed.reason})` }]);
    return parsed.e164;
  }

  /** E.164, or null when the input cannot be a phone number. */
  tryPhone(raw: string): string | null {
    const parsed = normalisePhone(raw, this.env.DEFAULT_PHONE_REGION);
    return parsed.ok ? parsed.e164 : null;
  }

  email(raw: string): string {
    return raw.trim().toLowerCase();
  }

  phoneHash(e164: string): string {
    return this.hasher.hash('phone', e164);
  }

  emailHash(email: string): string {
    return this.hasher.hash('email', this.email(email));
  }

  /** Blind index of a birthday's month-day (`05-17`), to find today's birthdays without decrypting. */
  birthdayHash(monthDay: string): string {
    return this.hasher.hash('birthday-md', monthDay);
  }

  seal(memberId: string, plain: PlainPersonalData): SealedPersonalData {
    const sealed: SealedPersonalData = {};
    for (const field of PERSONAL_FIELDS) {
      const value = plain[field];
      if (value !== undefined) sealed[field] = this.cipher.encrypt(value, `member:${memberId}:${field}`);
    }
    return sealed;
  }

  /** True when a field was sealed under a key other than the active one (rotation pending). */
  needsReseal(sealed: SealedPersonalData | undefined): boolean {
    return PERSONAL_FIELDS.some((f) => sealed?.[f] !== undefined && this.cipher.keyIdOf(sealed[f]) !== this.cipher.activeKey);
  }

  open(memberId: string, sealed: SealedPersonalData | undefined): PlainPersonalData {
    const plain: PlainPersonalData = {};
    for (const field of PERSONAL_FIELDS) {
      const value = sealed?.[field];
      if (value) plain[field] = this.cipher.decrypt(value, `member:${memberId}:${field}`);
    }
    return plain;
  }
}
