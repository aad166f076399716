import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, EventFactory, type Actor } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import { FeedbackEnv } from '../config/feedback.env';
import { meetClocks } from '../sla/sla-clock';
import { canTransition, type CaseOutcome } from './case.model';
import type { ActorRef, CaseSurvey, Compensation, FeedbackCase } from './case.schema';
import { CaseMutator } from './case-mutator';
import { CasesErrors } from './cases.errors';
import { CasesRepository } from './cases.repository';

const DAY = 86_400_000;
/** Roles whose compensation needs nobody's approval. */
const APPROVERS: ReadonlySet<string> = new Set(['admin', 'service_supervisor']);
export const COMPENSATION_REASON = 'feedback_case_compensation';
/** The grant id of a case's coupon compensation: one per case, however often it is sent. */
export const couponGrantId = (caseId: string): string => `cpg_${caseId}`;

export const surveyTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

export interface ResolveCommand {
  outcomes: CaseOutcome[];
  note: string | null;
  compensationPoints: number | null;
  /** Reward whose coupon the member is granted (needs the outcome `coupon`). */
  couponRewardId: string | null;
}

/**
 * Resolution: outcome recorded, every clock met, the customer told (event), compensation points
 * granted through the points service by event (once: the compensation id is the ledger key there)
 * within per-case and per-agent limits, a supervisor approving above them, a coupon (one per case:
 * the grant id derives from the case, so points issues it once), and a one-time survey.
 */
@Injectable()
export class CaseResolutionService {
  constructor(
    private readonly mutator: CaseMutator,
    private readonly repo: CasesRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: FeedbackEnv,
  ) {}

  async resolve(caseId: string, cmd: ResolveCommand, actor: Actor): Promise<FeedbackCase> {
    const points = cmd.compensationPoints;
    if (points !== null && !cmd.outcomes.includes('compensation_points')) throw CasesErrors.compensationOutcomeMissing();
    if (cmd.couponRewardId !== null && !cmd.outcomes.includes('coupon')) throw CasesErrors.couponOutcomeMissing();
    const withinLimits = points === null || (await this.withinLimits(actor, points));
    return this.mutator.mutate(caseId, (c) => {
      if (!canTransition(c.status, 'resolved')) throw CasesErrors.illegalTransition(c.status, 'resolved');
      const now = this.clock.now();
      const by: ActorRef = { id: actor.id, role: actor.role };
      const events: EventEnvelope[] = [];
      let compensation = c.compensation;
      if (points !== null) {
        if (!c.memberId) throw CasesErrors.compensationNeedsMember();
        if (c.compensation) throw CasesErrors.compensationExists();
        const granted = withinLimits;
        compensation = {
          compensationId: `comp_${c._id}`,
          points,
          status: granted ? 'granted' : 'awaiting_approval',
          requestedBy: by,
          requestedAt: now,
          approvedBy: null,
          grantedAt: granted ? now : null,
        };
        if (granted) events.push(this.grantEvent(c, compensation, now));
      }
      let couponCompensation = c.couponCompensation ?? null;
      if (cmd.couponRewardId !== null) {
        if (!c.memberId) throw CasesErrors.compensationNeedsMember();
        if (couponCompensation) throw CasesErrors.couponCompensationExists();
        couponCompensation = {
          grantId: couponGrantId(c._id),
          rewardId: cmd.couponRewardId,
          status: 'requested',
          requestedBy: by,
          requestedAt: now,
          couponId: null,
          refusal: null,
          settledAt: null,
        };
        events.push(
          this.events.create('coupon.grant.requested.v1', {
            grantId: couponCompensation.grantId,
            memberId: c.memberId,
            rewardId: cmd.couponRewardId,
            source: 'feedback',
            reasonCode: COMPENSATION_REASON,
            sourceRef: c._id,
            requestedAt: now.toISOString(),
          }),
        );
      }
      let survey = c.survey;
      if (!survey) {
        const token = randomBytes(24).toString('base64url');
        survey = {
          surveyId: `srv_${randomUUID()}`,
          tokenHash: surveyTokenHash(token),
          requestedAt: now,
          expiresAt: new Date(now.getTime() + this.env.FEEDBACK_SURVEY_VALID_DAYS * DAY),
          score: null,
          comment: null,
          answeredAt: null,
          followUpCaseId: null,
        } satisfies CaseSurvey;
        events.push(
          this.events.create('feedback.survey.requested.v1', {
            surveyId: survey.surveyId,
            caseId: c._id,
            memberId: c.memberId,
            token,
            expiresAt: survey.expiresAt.toISOString(),
          }),
        );
      }
      events.unshift(
        this.events.create('feedback.case.resolved.v1', {
          caseId: c._id,
          memberId: c.memberId,
          outcomes: cmd.outcomes,
          compensationPoints: compensation?.status === 'granted' ? compensation.points : 0,
          resolvedAt: now.toISOString(),
        }),
      );
      return {
        set: {
          status: 'resolved',
          sla: meetClocks(c.sla, ['acknowledge', 'answer', 'resolve'], now),
          resolution: { outcomes: cmd.outcomes, note: cmd.note, resolvedAt: now, resolvedBy: by },
          firstResolvedAt: c.firstResolvedAt ?? now,
          compensation,
          couponCompensation,
          survey,
        },
        push: { history: { at: now, actor: by, action: 'resolve', from: c.status, to: 'resolved', note: cmd.note } },
        events,
      };
    });
  }

  /** A supervisor approves compensation above an agent's limits: granted now, once. */
  async approveCompensation(caseId: string, actor: Actor): Promise<FeedbackCase> {
    return this.mutator.mutate(caseId, (c) => {
      if (c.compensation?.status !== 'awaiting_approval') throw CasesErrors.noApprovalPending();
      const now = this.clock.now();
      const by: ActorRef = { id: actor.id, role: actor.role };
      const compensation: Compensation = { ...c.compensation, status: 'granted', approvedBy: by, grantedAt: now };
      return {
        set: { compensation },
        push: { history: { at: now, actor: by, action: 'compensation_approved', from: c.status, to: c.status, note: `${compensation.points} points` } },
        events: [this.grantEvent(c, compensation, now)],
      };
    });
  }

  private grantEvent(c: FeedbackCase, compensation: Compensation, now: Date): EventEnvelope {
    return this.events.create('points.compensation.granted.v1', {
      compensationId: compensation.compensationId,
      memberId: c.memberId!,
      points: compensation.points,
      caseId: c._id,
      reasonCode: COMPENSATION_REASON,
      grantedAt: now.toISOString(),
    });
  }

  private async withinLimits(actor: Actor, points: number): Promise<boolean> {
    if (APPROVERS.has(actor.role)) return true;
    if (points > this.env.FEEDBACK_COMPENSATION_CASE_LIMIT) return false;
    const now = this.clock.now();
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const today = await this.repo.compensationRequestedBy(actor.id, dayStart, new Date(dayStart.getTime() + DAY));
    return today + points <= this.env.FEEDBACK_COMPENSATION_AGENT_DAILY_LIMIT;
  }
}
