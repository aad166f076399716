import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import type { ActorRef, FeedbackCase } from './case.schema';
import { CaseMutator } from './case-mutator';
import { CasesErrors } from './cases.errors';
import { CasesRepository } from './cases.repository';

/**
 * Erasure (PIPL): a case keeps its codes, dates, deadlines, scores and retail terms (the KPIs
 * survive, pseudonymous under the member id) and loses the contact, the description, the
 * attachments and every free-text note.
 */
@Injectable()
export class ContactErasureService {
  constructor(
    private readonly mutator: CaseMutator,
    private readonly repo: CasesRepository,
    private readonly clock: Clock,
  ) {}

  async eraseCase(caseId: string, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => {
      if (c.erasedAt) throw CasesErrors.contactAlreadyErased();
      return this.erasure(c, { id: actor.id, role: actor.role }, 'contact_erased');
    });
  }

  /** Every case of an erased member (member.erased); idempotent. */
  async eraseMember(memberId: string): Promise<number> {
    let erased = 0;
    for (const c of await this.repo.ofMember(memberId, 10_000)) {
      if (c.erasedAt) continue;
      await this.mutator.mutate(c._id, (current) =>
        current.erasedAt ? { set: {} } : this.erasure(current, { id: 'members', role: 'system' }, 'member_erased'),
      );
      erased++;
    }
    return erased;
  }

  private erasure(c: FeedbackCase, actor: ActorRef, action: 'contact_erased' | 'member_erased') {
    const now = this.clock.now();
    return {
      set: {
        contact: null,
        contactHash: null,
        description: null,
        attachments: [],
        history: [...c.history.map((h) => ({ ...h, note: null })), { at: now, actor, action, from: c.status, to: c.status, note: null }],
        escalations: c.escalations.map((e) => ({ ...e, note: null })),
        resolution: c.resolution ? { ...c.resolution, note: null } : null,
        survey: c.survey ? { ...c.survey, comment: null } : null,
        erasedAt: now,
      } satisfies Partial<FeedbackCase>,
    };
  }
}
