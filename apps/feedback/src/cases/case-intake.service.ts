import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, EventFactory, type Actor } from '@app/common';
import { SlaPolicyService } from '../sla/sla-policy.service';
import { startClocks } from '../sla/sla-clock';
import { calendarOf } from '../sla/sla-policy';
import { ComplaintTerms } from '../text/complaint-terms';
import { CASE_SUBTYPES, REPEAT_WINDOW_DAYS, type CaseCategory, type CaseChannel, type CaseKind, type CaseSeverity } from './case.model';
import type { FeedbackCase } from './case.schema';
import { slaIndexes } from './case-mutator';
import { CasesErrors } from './cases.errors';
import { CasesRepository } from './cases.repository';
import { ContactCodec, type PlainContact } from './contact.codec';

export interface OpenCaseCommand {
  kind: CaseKind;
  subtype: string;
  category: CaseCategory;
  severity: CaseSeverity;
  channel: CaseChannel;
  storeId: string | null;
  purchaseId: string | null;
  memberId: string | null;
  contact: { name?: string; phone?: string; email?: string } | null;
  description: string;
  attachments: string[];
  followUpOf?: string | null;
  /** A deterministic id makes the opening idempotent (a follow-up of one survey opens once). */
  caseId?: string;
  actor: Actor | { id: string; role: 'system' };
}

const DAY = 86_400_000;

/** Opens cases: from staff (any channel), from a customer for their own account, from a low survey score. */
@Injectable()
export class CaseIntakeService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly policies: SlaPolicyService,
    private readonly contacts: ContactCodec,
    private readonly terms: ComplaintTerms,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async open(cmd: OpenCaseCommand): Promise<FeedbackCase> {
    if (!CASE_SUBTYPES[cmd.kind].includes(cmd.subtype)) throw CasesErrors.subtypeNotOfKind(cmd.kind, CASE_SUBTYPES[cmd.kind]);
    if (cmd.memberId && cmd.contact) throw CasesErrors.memberAndContact();
    let contact: PlainContact | null = null;
    if (!cmd.memberId) {
      contact = cmd.contact ? this.contacts.normalise(cmd.contact) : null;
      if (!contact || !(contact.phone || contact.email)) throw CasesErrors.contactRequired();
    }
    const now = this.clock.now();
    const caseId = cmd.caseId ?? `case_${randomUUID()}`;
    const contactHash = contact ? this.contacts.hash(contact) : null;
    const policy = await this.policies.snapshot(cmd.kind, cmd.severity);
    const earlier =
      cmd.kind === 'complaint'
        ? await this.repo.latestSimilar({ memberId: cmd.memberId, contactHash }, cmd.category, new Date(now.getTime() - REPEAT_WINDOW_DAYS * DAY))
        : null;
    const sla = startClocks(policy.targets, now, calendarOf(policy));
    const actor = { id: cmd.actor.id, role: cmd.actor.role };
    const doc: FeedbackCase = {
      _id: caseId,
      kind: cmd.kind,
      subtype: cmd.subtype,
      category: cmd.category,
      severity: cmd.severity,
      channel: cmd.channel,
      storeId: cmd.storeId,
      purchaseId: cmd.purchaseId,
      memberId: cmd.memberId,
      contact: contact ? this.contacts.seal(caseId, contact) : null,
      contactHash,
      description: cmd.description,
      attachments: cmd.attachments,
      terms: cmd.kind === 'complaint' ? this.terms.distinct(cmd.description) : [],
      status: 'new',
      version: 0,
      openedAt: now,
      openedBy: actor,
      assignee: null,
      team: 'service',
      escalationLevel: 0,
      escalations: [],
      history: [{ at: now, actor, action: 'opened', from: null, to: 'new', note: null }],
      policy,
      sla,
      ...slaIndexes(sla),
      repeatOf: earlier?._id ?? null,
      followUpOf: cmd.followUpOf ?? null,
      resolution: null,
      firstResolvedAt: null,
      reopenCount: 0,
      compensation: null,
      survey: null,
      erasedAt: null,
    };
    const event = this.events.create('feedback.case.opened.v1', {
      caseId,
      kind: doc.kind,
      subtype: doc.subtype,
      category: doc.category,
      severity: doc.severity,
      channel: doc.channel,
      storeId: doc.storeId,
      memberId: doc.memberId,
      repeat: doc.repeatOf !== null,
      followUpOf: doc.followUpOf,
      openedAt: now.toISOString(),
    });
    if (!(await this.repo.insert(doc, [event]))) return (await this.repo.find(caseId)) ?? doc;
    return doc;
  }
}
