import { Injectable, Logger } from '@nestjs/common';
import { MembersErrors } from './members.errors';
import { Clock, EventFactory, type Actor } from '@app/common';
import { MembersEnv } from '../config/members.env';
import { addDays } from '../tiers/tier-rules';
import type { ErasureResponse } from './dto/member.response';
import { MembersRepository } from './members.repository';

const BATCH = 200;

/** Right to erasure and storage limitation: personal data destroyed, the member id kept as a pseudonym. */
@Injectable()
export class MemberErasureService {
  private readonly logger = new Logger(MemberErasureService.name);

  constructor(
    private readonly members: MembersRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: MembersEnv,
  ) {}

  async erase(memberId: string, actor: Actor): Promise<ErasureResponse> {
    const member = await this.members.findById(memberId);
    if (!member) throw MembersErrors.notFound();
    if (member.status === 'erased') return { memberId, status: 'erased', erasedAt: new Date(member.erasedAt!).toISOString() };
    const at = await this.eraseOne(memberId);
    this.logger.log({ msg: 'member erased on request', memberId, actorRole: actor.role });
    return { memberId, status: 'erased', erasedAt: at.toISOString() };
  }

  /** Retention: anonymise members with no activity for MEMBERS_RETENTION_INACTIVE_DAYS. */
  async anonymiseInactive(): Promise<{ anonymised: number }> {
    const cutoff = addDays(this.clock.now(), -this.env.MEMBERS_RETENTION_INACTIVE_DAYS);
    let anonymised = 0;
    for (;;) {
      const batch = await this.members.inactiveSince(cutoff, BATCH);
      if (batch.length === 0) break;
      for (const m of batch) {
        await this.eraseOne(m._id);
        anonymised += 1;
      }
    }
    if (anonymised) this.logger.log({ msg: 'inactive members anonymised', anonymised });
    return { anonymised };
  }

  private async eraseOne(memberId: string): Promise<Date> {
    const at = this.clock.now();
    const event = this.events.create('member.erased.v1', { memberId, erasedAt: at.toISOString() });
    await this.members.erase(memberId, at, [event]);
    return at;
  }
}
