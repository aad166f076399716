import { Injectable } from '@nestjs/common';
import { MembersErrors } from './members.errors';
import { CONSENT_PURPOSES, type ConsentPurpose } from '@app/contracts';
import { Clock, EventFactory, ValidationFailedError, type Actor } from '@app/common';
import { assertStoreScope } from '../access/member-access';
import type { ChangeConsentDto } from './dto/member.dto';
import type { ConsentsView } from './dto/member.response';
import { MembersRepository } from './members.repository';
import { consentsView } from './member-view';

/** Grant or withdraw a consent per purpose; recorded with time, channel and policy version. */
@Injectable()
export class MemberConsentService {
  constructor(
    private readonly members: MembersRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async change(memberId: string, purpose: string, dto: ChangeConsentDto, actor: Actor): Promise<ConsentsView> {
    if (!(CONSENT_PURPOSES as readonly string[]).includes(purpose)) {
      throw new ValidationFailedError([{ field: 'purpose', rule: 'isIn', message: `purpose must be one of ${CONSENT_PURPOSES.join(', ')}` }]);
    }
    const member = await this.members.findById(memberId);
    if (!member || member.status !== 'active') throw MembersErrors.notFound();
    if (actor.role === 'store_manager') assertStoreScope(actor, member.preferredStoreId);
    const now = this.clock.now();
    const record = { granted: dto.granted, at: now, channel: dto.channel, policyVersion: dto.policyVersion };
    const event = this.events.create('member.consent.changed.v1', {
      memberId,
      purpose: purpose as ConsentPurpose,
      granted: dto.granted,
      policyVersion: dto.policyVersion,
      changedAt: now.toISOString(),
    });
    const ok = await this.members.setConsent(
      memberId,
      purpose as ConsentPurpose,
      record,
      { ...record, purpose: purpose as ConsentPurpose, actorId: actor.id, actorRole: actor.role },
      [event],
    );
    if (!ok) throw MembersErrors.notFound();
    return consentsView({ consents: { ...member.consents, [purpose]: record } });
  }
}
