import { Injectable } from '@nestjs/common';
import { STORE_BOUND_ROLES } from '@app/access';
import type { Actor, Role } from '@app/common';
import { OPEN_STATUSES } from './case.model';
import type { FeedbackCase } from './case.schema';
import { caseView, type CaseView } from './case-view';
import { CasesErrors } from './cases.errors';
import { CasesRepository, type CaseQueueFilter } from './cases.repository';
import { ContactCodec } from './contact.codec';
import type { QueueQuery } from './dto/case.dto';

/** Roles that may see a non-member's contact unmasked (they call the customer back). */
const UNMASK_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'service_agent', 'service_supervisor']);

/** Reads of cases: one case, queues for agents and supervisors, a customer's own cases. Store managers see their stores only. */
@Injectable()
export class CaseQueryService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly contacts: ContactCodec,
  ) {}

  async get(caseId: string, actor: Actor, view: 'masked' | 'full'): Promise<CaseView> {
    const c = await this.repo.find(caseId);
    if (!c) throw CasesErrors.notFound();
    this.assertStore(c, actor);
    return this.toView(c, actor, view);
  }

  async queue(actor: Actor, q: QueueQuery): Promise<CaseView[]> {
    const filter: CaseQueueFilter = {
      statuses: q.status ? [q.status] : q.breached ? [...OPEN_STATUSES] : undefined,
      category: q.category,
      severity: q.severity,
      kind: q.kind,
      breachedOnly: q.breached === true,
    };
    if (q.queue === 'mine') filter.assignee = actor.id;
    if (q.queue === 'team') filter.team = q.team ?? (actor.role === 'service_supervisor' ? 'supervisors' : 'service');
    else if (q.team) filter.team = q.team;
    if (q.queue === 'mine' || q.queue === 'team') filter.statuses ??= [...OPEN_STATUSES];
    if (STORE_BOUND_ROLES.has(actor.role)) {
      if (q.storeId && !actor.storeIds.includes(q.storeId)) throw CasesErrors.notYourStore();
      filter.storeIds = q.storeId ? [q.storeId] : actor.storeIds;
    } else if (q.storeId) filter.storeIds = [q.storeId];
    const rows = await this.repo.queue(filter, q.sort ?? 'due', q.limit ?? 50);
    return rows.map((c) => this.toView(c, actor, 'masked'));
  }

  async ofCustomer(memberId: string, actor: Actor): Promise<CaseView[]> {
    return (await this.repo.ofMember(memberId, 200)).map((c) => this.toView(c, actor, 'masked'));
  }

  async oneOfCustomer(caseId: string, memberId: string, actor: Actor): Promise<CaseView> {
    const c = await this.repo.find(caseId);
    if (!c || c.memberId !== memberId) throw CasesErrors.notFound();
    return this.toView(c, actor, 'masked');
  }

  /** Every case of a member for their data export (a member's cases carry no third-party contact). */
  async exportOfMember(memberId: string): Promise<CaseView[]> {
    return (await this.repo.ofMember(memberId, 10_000)).map((c) => caseView(c, null));
  }

  /** A case's view as the given actor may see it (after a write). */
  viewFor(c: FeedbackCase, actor: Actor): CaseView {
    return this.toView(c, actor, 'masked');
  }

  private assertStore(c: FeedbackCase, actor: Actor): void {
    if (STORE_BOUND_ROLES.has(actor.role) && (c.storeId === null || !actor.storeIds.includes(c.storeId))) throw CasesErrors.notYourStore();
  }

  /** Store managers may act on their stores' cases only. */
  async assertMayAct(caseId: string, actor: Actor): Promise<void> {
    if (!STORE_BOUND_ROLES.has(actor.role)) return;
    const c = await this.repo.find(caseId);
    if (!c) throw CasesErrors.notFound();
    this.assertStore(c, actor);
  }

  private toView(c: FeedbackCase, actor: Actor, view: 'masked' | 'full'): CaseView {
    if (actor.role === 'customer') return customerView(caseView(c, null));
    if (!c.contact) return caseView(c, null);
    const plain = this.contacts.open(c._id, c.contact);
    return caseView(c, view === 'full' && UNMASK_ROLES.has(actor.role) ? plain : this.contacts.mask(plain));
  }
}

/** What a customer sees of their own case: its progress, not staff notes, escalation or assignment. */
function customerView(v: CaseView): CaseView {
  return {
    ...v,
    assignee: null,
    team: 'service',
    escalationLevel: 0,
    escalations: [],
    history: v.history.map((e) => ({ ...e, actor: undefined, note: undefined })),
    resolution: v.resolution ? { outcomes: v.resolution.outcomes, resolvedAt: v.resolution.resolvedAt } : null,
    compensation: v.compensation ? { points: v.compensation.points, status: v.compensation.status } : null,
  };
}
