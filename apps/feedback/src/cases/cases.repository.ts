import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { insertOnce, updateWithEvents, withEvents } from '@app/common';
import type { SlaClockName } from '../sla/sla-clock';
import { CASE_MODEL, type Escalation, type FeedbackCase } from './case.schema';
import type { CaseCategory, CaseStatus, Team } from './case.model';

export interface CaseQueueFilter {
  statuses?: CaseStatus[];
  storeIds?: string[];
  category?: CaseCategory;
  severity?: string;
  kind?: string;
  assignee?: string;
  team?: Team;
  breachedOnly?: boolean;
}

/** The only place that touches feedback cases. Every workflow write is conditional (version or clock state). */
@Injectable()
export class CasesRepository {
  constructor(@InjectModel(CASE_MODEL) private readonly cases: Model<FeedbackCase>) {}

  async insert(doc: FeedbackCase, events: EventEnvelope[]): Promise<boolean> {
    return insertOnce(this.cases, withEvents(doc, events));
  }

  async find(id: string): Promise<FeedbackCase | null> {
    return this.cases.findById(id).lean<FeedbackCase>().exec();
  }

  /**
   * Apply a change computed from the case at `version`; null when the case changed meanwhile
   * (another agent, the scheduler, a second instance).
   */
  async update(
    id: string,
    version: number,
    set: Partial<FeedbackCase>,
    events: EventEnvelope[],
    push: Record<string, unknown> = {},
  ): Promise<FeedbackCase | null> {
    const update: Record<string, Record<string, unknown>> = { $set: { ...set, version: version + 1 } };
    if (Object.keys(push).length) update.$push = push;
    return this.cases.findOneAndUpdate({ _id: id, version }, updateWithEvents(update, events), { new: true }).lean<FeedbackCase>().exec();
  }

  /**
   * Record points' answer to a case's coupon grant, once (only a `requested` grant moves). Touches
   * only the coupon compensation, so it needs no version check against the case's other changes.
   */
  async settleCouponCompensation(
    caseId: string,
    grantId: string,
    set: { status: 'granted' | 'refused'; couponId: string | null; refusal: string | null; settledAt: Date },
  ): Promise<void> {
    await this.cases
      .updateOne(
        { _id: caseId, 'couponCompensation.grantId': grantId, 'couponCompensation.status': 'requested' },
        {
          $set: {
            'couponCompensation.status': set.status,
            'couponCompensation.couponId': set.couponId,
            'couponCompensation.refusal': set.refusal,
            'couponCompensation.settledAt': set.settledAt,
          },
        },
      )
      .exec();
  }

  /** The latest earlier complaint of the same member or contact in the same category since `since`. */
  async latestSimilar(who: { memberId: string | null; contactHash: string | null }, category: CaseCategory, since: Date): Promise<FeedbackCase | null> {
    const party: FilterQuery<FeedbackCase> = who.memberId ? { memberId: who.memberId } : { contactHash: who.contactHash };
    return this.cases
      .findOne({ ...party, kind: 'complaint', category, openedAt: { $gte: since } })
      .sort({ openedAt: -1 })
      .lean<FeedbackCase>()
      .exec();
  }

  async queue(filter: CaseQueueFilter, sort: 'due' | 'opened', limit: number): Promise<FeedbackCase[]> {
    const q: FilterQuery<FeedbackCase> = {};
    if (filter.statuses) q.status = { $in: filter.statuses };
    if (filter.storeIds) q.storeId = { $in: filter.storeIds };
    if (filter.category) q.category = filter.category;
    if (filter.severity) q.severity = filter.severity;
    if (filter.kind) q.kind = filter.kind;
    if (filter.assignee) q.assignee = filter.assignee;
    if (filter.team) q.team = filter.team;
    if (filter.breachedOnly) q['breached.0'] = { $exists: true };
    const order: Record<string, 1 | -1> = sort === 'due' ? { nextDueAt: 1, openedAt: 1, _id: 1 } : { openedAt: -1, _id: 1 };
    const rows = await this.cases
      .find(q)
      .sort(order)
      .limit(sort === 'due' ? limit * 4 : limit)
      .lean<FeedbackCase[]>()
      .exec();
    // Cases with no running deadline (null nextDueAt) sort last, whatever the database does with nulls.
    if (sort === 'due') rows.sort((a, b) => (a.nextDueAt?.getTime() ?? Infinity) - (b.nextDueAt?.getTime() ?? Infinity));
    return rows.slice(0, limit);
  }

  /** Open cases whose clock reached its warning point unwarned (running, unmet, not yet due: a due one is breached instead). */
  async dueForWarning(clock: SlaClockName, now: Date, limit: number): Promise<FeedbackCase[]> {
    return this.cases
      .find({
        [`sla.${clock}.metAt`]: null,
        [`sla.${clock}.pausedSince`]: null,
        [`sla.${clock}.warnedAt`]: null,
        [`sla.${clock}.warnAt`]: { $lte: now },
        [`sla.${clock}.dueAt`]: { $gt: now },
        status: { $nin: ['resolved', 'closed'] },
      })
      .limit(limit)
      .lean<FeedbackCase[]>()
      .exec();
  }

  /** Open cases whose clock passed its deadline unbreached (running, unmet). */
  async dueForBreach(clock: SlaClockName, now: Date, limit: number): Promise<FeedbackCase[]> {
    return this.cases
      .find({
        [`sla.${clock}.metAt`]: null,
        [`sla.${clock}.pausedSince`]: null,
        [`sla.${clock}.breachedAt`]: null,
        [`sla.${clock}.dueAt`]: { $lte: now },
        status: { $nin: ['resolved', 'closed'] },
      })
      .limit(limit)
      .lean<FeedbackCase[]>()
      .exec();
  }

  /**
   * Mark the warning of one clock and cycle, once: the filter requires it unwarned, so of two
   * instances racing exactly one write matches and stores the event.
   */
  async markWarned(id: string, clock: SlaClockName, cycle: number, now: Date, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.cases
      .updateOne(
        { _id: id, [`sla.${clock}.cycle`]: cycle, [`sla.${clock}.warnedAt`]: null, [`sla.${clock}.metAt`]: null },
        updateWithEvents({ $set: { [`sla.${clock}.warnedAt`]: now }, $inc: { version: 1 } }, events),
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /**
   * Record the breach of one clock and cycle and escalate one level from `fromLevel`, once: the
   * filter requires the clock unbreached and the level unchanged.
   */
  async markBreachedAndEscalate(
    id: string,
    clock: SlaClockName,
    cycle: number,
    fromLevel: number,
    now: Date,
    escalation: Escalation,
    breached: SlaClockName[],
    events: EventEnvelope[],
  ): Promise<boolean> {
    const res = await this.cases
      .updateOne(
        { _id: id, escalationLevel: fromLevel, [`sla.${clock}.cycle`]: cycle, [`sla.${clock}.breachedAt`]: null, [`sla.${clock}.metAt`]: null },
        updateWithEvents(
          {
            $set: { [`sla.${clock}.breachedAt`]: now, escalationLevel: fromLevel + 1, team: 'supervisors', assignee: null, breached },
            $inc: { version: 1 },
            $push: {
              escalations: escalation,
              history: { at: now, actor: escalation.actor, action: 'escalate', from: null, to: null, note: escalation.reason },
            },
          },
          events,
        ),
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /** Points an agent granted (or asked for) without approval in [from, to). */
  async compensationRequestedBy(actorId: string, from: Date, to: Date): Promise<number> {
    const rows = await this.cases
      .find(
        { 'compensation.requestedBy.id': actorId, 'compensation.requestedAt': { $gte: from, $lt: to }, 'compensation.approvedBy': null },
        { compensation: 1 },
      )
      .lean<Array<Pick<FeedbackCase, 'compensation'>>>()
      .exec();
    return rows.reduce((sum, r) => sum + (r.compensation?.status === 'granted' ? r.compensation.points : 0), 0);
  }

  async findBySurveyToken(tokenHash: string): Promise<FeedbackCase | null> {
    return this.cases.findOne({ 'survey.tokenHash': tokenHash }).lean<FeedbackCase>().exec();
  }

  /** Record a survey answer once: the filter requires it unanswered. */
  async answerSurvey(id: string, tokenHash: string, set: Record<string, unknown>, events: EventEnvelope[]): Promise<boolean> {
    const res = await this.cases
      .updateOne({ _id: id, 'survey.tokenHash': tokenHash, 'survey.answeredAt': null }, updateWithEvents({ $set: set, $inc: { version: 1 } }, events))
      .exec();
    return res.modifiedCount === 1;
  }

  async ofMember(memberId: string, limit = 500): Promise<FeedbackCase[]> {
    return this.cases.find({ memberId }).sort({ openedAt: -1 }).limit(limit).lean<FeedbackCase[]>().exec();
  }

  /** Cases opened in [from, to), optionally of some stores (KPIs). */
  async openedBetween(from: Date, to: Date, storeIds: string[] | null): Promise<FeedbackCase[]> {
    const q: FilterQuery<FeedbackCase> = { openedAt: { $gte: from, $lt: to } };
    if (storeIds) q.storeId = { $in: storeIds };
    return this.cases.find(q, { contact: 0, history: 0, description: 0 }).lean<FeedbackCase[]>().exec();
  }

  /** Surveys answered or requested in [from, to). */
  async surveyedBetween(from: Date, to: Date, storeIds: string[] | null): Promise<FeedbackCase[]> {
    const q: FilterQuery<FeedbackCase> = { 'survey.requestedAt': { $gte: from, $lt: to } };
    if (storeIds) q.storeId = { $in: storeIds };
    return this.cases.find(q, { survey: 1, storeId: 1 }).lean<FeedbackCase[]>().exec();
  }
}
