import { Injectable } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import { MembersErrors } from './members.errors';
import { MembersRepository } from './members.repository';
import { PersonalDataCodec } from './personal-data.codec';

/** What a delivering service needs to reach a member right now; never published, never logged. */
export interface MemberContact {
  memberId: string;
  status: 'active' | 'erased';
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: string | null;
  marketingConsent: boolean;
}

/** Withdrawal by the member's own unsubscribe link. */
export const UNSUBSCRIBE_CHANNEL = 'email_unsubscribe';

/**
 * Contact details for the messaging service at send time (personal data stays here: it is read
 * over an internal route, not carried on Kafka), and the withdrawal of marketing consent when a
 * member follows an unsubscribe link.
 */
@Injectable()
export class MemberContactService {
  constructor(
    private readonly members: MembersRepository,
    private readonly codec: PersonalDataCodec,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async contact(memberId: string): Promise<MemberContact> {
    const member = await this.members.findById(memberId);
    if (!member) throw MembersErrors.notFound();
    if (member.status !== 'active') return { memberId, status: 'erased', name: null, email: null, phone: null, tier: null, marketingConsent: false };
    const plain = this.codec.open(memberId, member.personal);
    return {
      memberId,
      status: 'active',
      name: plain.name ?? null,
      email: plain.email ?? null,
      phone: plain.phone ?? null,
      tier: member.tier.code,
      marketingConsent: member.consents.marketing?.granted === true,
    };
  }

  /** Withdraw marketing consent as the member (idempotent: already withdrawn changes nothing). */
  async withdrawMarketing(memberId: string): Promise<{ memberId: string; marketing: false; changed: boolean }> {
    const member = await this.members.findById(memberId);
    if (!member || member.status !== 'active') throw MembersErrors.notFound();
    const current = member.consents.marketing;
    if (current && !current.granted) return { memberId, marketing: false, changed: false };
    const now = this.clock.now();
    const policyVersion = current?.policyVersion ?? 'unsubscribe';
    const record = { granted: false, at: now, channel: UNSUBSCRIBE_CHANNEL, policyVersion };
    const event = this.events.create('member.consent.changed.v1', {
      memberId,
      purpose: 'marketing',
      granted: false,
      policyVersion,
      changedAt: now.toISOString(),
    });
    const ok = await this.members.setConsent(memberId, 'marketing', record, { ...record, purpose: 'marketing', actorId: memberId, actorRole: 'customer' }, [
      event,
    ]);
    if (!ok) throw MembersErrors.notFound();
    return { memberId, marketing: false, changed: true };
  }
}
