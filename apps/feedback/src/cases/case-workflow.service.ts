import { Injectable } from '@nestjs/common';
import { Clock, EventFactory, type Actor } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import { FeedbackEnv } from '../config/feedback.env';
import { FaqService } from '../faq/faq.service';
import { meetClocks, pauseClocks, restartClock, resumeClocks, type SlaClocks } from '../sla/sla-clock';
import { calendarOf } from '../sla/sla-policy';
import { canTransition, type CaseStatus, type Team, type TransitionTarget } from './case.model';
import type { ActorRef, CaseHistoryEntry, FeedbackCase } from './case.schema';
import { CaseMutator, type CaseChange } from './case-mutator';
import { CasesErrors } from './cases.errors';

const DAY = 86_400_000;
const ref = (a: Actor): ActorRef => ({ id: a.id, role: a.role });

/**
 * The status flow of a case and what moves with it: clocks met, paused and resumed, the history
 * of every transition (actor, time, note), assignment, manual escalation, reopening.
 */
@Injectable()
export class CaseWorkflowService {
  constructor(
    private readonly mutator: CaseMutator,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: FeedbackEnv,
    private readonly faq: FaqService,
  ) {}

  async transition(caseId: string, to: TransitionTarget, note: string | null, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => this.decideTransition(c, to, note, ref(actor)));
  }

  /** A customer's reply to a case awaiting them: the clocks run again. */
  async customerReply(caseId: string, memberId: string, message: string, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => {
      if (c.memberId !== memberId) throw CasesErrors.notFound();
      if (c.status !== 'awaiting_customer') throw CasesErrors.notWaitingForCustomer(c.status);
      const change = this.decideTransition(c, 'investigating', message, ref(actor));
      return { ...change, push: { history: { ...(change.push?.history as CaseHistoryEntry), action: 'customer_reply' } } };
    });
  }

  private decideTransition(c: FeedbackCase, to: CaseStatus, note: string | null, actor: ActorRef): CaseChange {
    if (!canTransition(c.status, to)) throw CasesErrors.illegalTransition(c.status, to);
    const now = this.clock.now();
    let sla: SlaClocks = c.sla;
    if (c.status === 'awaiting_customer') sla = resumeClocks(sla, now, calendarOf(c.policy));
    const events: EventEnvelope[] = [];
    if (to === 'acknowledged') {
      sla = meetClocks(sla, ['acknowledge'], now);
      events.push(
        this.events.create('feedback.case.acknowledged.v1', { caseId: c._id, memberId: c.memberId, actorId: actor.id, acknowledgedAt: now.toISOString() }),
      );
    }
    if (to === 'awaiting_customer') sla = pauseClocks(meetClocks(sla, ['acknowledge', 'answer'], now), now);
    const history: CaseHistoryEntry = { at: now, actor, action: 'transition', from: c.status, to, note };
    return { set: { status: to, sla }, push: { history }, events };
  }

  /**
   * The customer was answered (the answer clock is met); the status stays. A consultation may be
   * answered with an FAQ article, which then counts towards the most asked questions.
   */
  async answer(caseId: string, answer: { note?: string; faqArticleId?: string }, actor: Actor): Promise<FeedbackCase> {
    if (!answer.note && !answer.faqArticleId) throw CasesErrors.answerRequired();
    const article = answer.faqArticleId ? await this.faq.articleForAnswer(answer.faqArticleId) : null;
    const updated = await this.mutator.mutate(caseId, (c) => {
      if (c.status === 'new' || c.status === 'resolved' || c.status === 'closed') throw CasesErrors.illegalTransition(c.status, 'answered');
      const now = this.clock.now();
      const note = answer.note ?? (article ? `FAQ: ${article.question['zh-CN']} / ${article.question.en}` : null);
      return {
        set: { sla: meetClocks(c.sla, ['answer'], now), ...(article ? { faqArticleIds: [...new Set([...(c.faqArticleIds ?? []), article._id])] } : {}) },
        push: { history: { at: now, actor: ref(actor), action: 'answer', from: c.status, to: c.status, note } },
      };
    });
    if (article) await this.faq.countUse(article._id);
    return updated;
  }

  async assign(caseId: string, assignee: string | null, team: Team | null, note: string | null, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => {
      const now = this.clock.now();
      return {
        set: { assignee, team: team ?? c.team },
        push: {
          history: {
            at: now,
            actor: ref(actor),
            action: 'assign',
            from: c.status,
            to: c.status,
            note: note ?? `assignee=${assignee ?? '-'} team=${team ?? c.team}`,
          },
        },
      };
    });
  }

  /** Raise the escalation level by hand (to the complaint leadership group); a level, not a status. */
  async escalate(caseId: string, note: string | null, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => {
      if (c.status === 'resolved' || c.status === 'closed') throw CasesErrors.illegalTransition(c.status, 'escalated');
      const now = this.clock.now();
      const level = c.escalationLevel + 1;
      return {
        set: { escalationLevel: level, team: 'supervisors' },
        push: {
          escalations: { level, reason: 'manual', at: now, actor: ref(actor), note },
          history: { at: now, actor: ref(actor), action: 'escalate', from: c.status, to: c.status, note },
        },
        events: [
          this.events.create('feedback.case.escalated.v1', { caseId: c._id, memberId: c.memberId, level, reason: 'manual', escalatedAt: now.toISOString() }),
        ],
      };
    });
  }

  /** Reopen a resolved or closed case within the window: investigating again, the resolve deadline restarts. */
  async reopen(caseId: string, note: string | null, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => {
      if (c.status !== 'resolved' && c.status !== 'closed') throw CasesErrors.notReopenable(c.status);
      const now = this.clock.now();
      const resolvedAt = c.resolution?.resolvedAt ?? c.openedAt;
      if (now.getTime() - new Date(resolvedAt).getTime() > this.env.FEEDBACK_REOPEN_WINDOW_DAYS * DAY)
        throw CasesErrors.reopenWindowClosed(this.env.FEEDBACK_REOPEN_WINDOW_DAYS);
      const cycle = c.reopenCount + 1;
      return {
        set: { status: 'investigating', sla: restartClock(c.sla, 'resolve', now, calendarOf(c.policy)), reopenCount: cycle },
        push: { history: { at: now, actor: ref(actor), action: 'reopen', from: c.status, to: 'investigating', note } },
        events: [this.events.create('feedback.case.reopened.v1', { caseId: c._id, memberId: c.memberId, cycle, reopenedAt: now.toISOString() })],
      };
    });
  }
}
