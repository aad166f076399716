import { Injectable } from '@nestjs/common';
import { KeyedHasher, maskEmail, maskName, maskPhone, normalisePhone, PersonalDataCipher } from '@app/common';
import { FeedbackEnv } from '../config/feedback.env';
import { CasesErrors } from './cases.errors';
import type { SealedContact } from './case.schema';

export interface PlainContact {
  name?: string;
  /** E.164 */
  phone?: string;
  /** lower-cased */
  email?: string;
}

/**
 * A non-member's contact: sealed field by field with the platform's personal-data cipher (bound
 * to the case and field), a blind index to recognise the same contact again, masking for roles
 * that need no plaintext.
 */
@Injectable()
export class ContactCodec {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly hasher: KeyedHasher,
    private readonly env: FeedbackEnv,
  ) {}

  normalise(input: { name?: string; phone?: string; email?: string }): PlainContact {
    const out: PlainContact = {};
    if (input.name?.trim()) out.name = input.name.trim();
    if (input.phone) {
      const parsed = normalisePhone(input.phone, this.env.FEEDBACK_DEFAULT_PHONE_REGION);
      if (!parsed.ok) throw CasesErrors.badPhone(parsed.reason);
      out.phone = parsed.e164;
    }
    if (input.email) out.email = input.email.trim().toLowerCase();
    return out;
  }

  /** Blind index of the contact (phone first, else email); null without either. */
  hash(contact: PlainContact): string | null {
    if (contact.phone) return this.hasher.hash('phone', contact.phone);
    if (contact.email) return this.hasher.hash('email', contact.email);
    return null;
  }

  seal(caseId: string, contact: PlainContact): SealedContact {
    const out: SealedContact = {};
    for (const field of ['name', 'phone', 'email'] as const) {
      const value = contact[field];
      if (value) out[field] = this.cipher.encrypt(value, `case:${caseId}:${field}`);
    }
    return out;
  }

  open(caseId: string, sealed: SealedContact): PlainContact {
    const out: PlainContact = {};
    for (const field of ['name', 'phone', 'email'] as const) {
      const value = sealed[field];
      if (value) out[field] = this.cipher.decrypt(value, `case:${caseId}:${field}`);
    }
    return out;
  }

  mask(contact: PlainContact): PlainContact {
    return {
      ...(contact.name ? { name: maskName(contact.name) } : {}),
      ...(contact.phone ? { phone: maskPhone(contact.phone) } : {}),
      ...(contact.email ? { email: maskEmail(contact.email) } : {}),
    };
  }
}
