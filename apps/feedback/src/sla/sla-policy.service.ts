import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import { FeedbackEnv } from '../config/feedback.env';
import { CASE_KINDS, CASE_SEVERITIES, type CaseKind, type CaseSeverity } from '../cases/case.model';
import type { SlaTargets } from './sla-clock';
import { DEFAULT_SLA_TARGETS, policyId, type SlaCalendarKind, type SlaPolicySnapshot } from './sla-policy';
import type { BusinessHours } from './sla-calendar';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyErrors } from './sla.errors';

export interface SlaPolicyView {
  kind: CaseKind;
  severity: CaseSeverity;
  version: number;
  calendar: SlaCalendarKind;
  targetsMinutes: SlaTargets;
  isDefault: boolean;
}

/** Deadlines per kind and severity: stored policies over the standards' defaults. */
@Injectable()
export class SlaPolicyService {
  constructor(
    private readonly repo: SlaPolicyRepository,
    private readonly clock: Clock,
    private readonly env: FeedbackEnv,
  ) {}

  /** The policy in force now, to copy onto a case that opens. */
  async snapshot(kind: CaseKind, severity: CaseSeverity): Promise<SlaPolicySnapshot> {
    const id = policyId(kind, severity);
    const stored = await this.repo.find(id);
    const calendar = stored?.calendar ?? 'calendar';
    return {
      policyId: id,
      version: stored?.version ?? 0,
      calendar,
      targets: stored?.targets ?? DEFAULT_SLA_TARGETS[kind][severity],
      ...(calendar === 'business' ? { businessHours: this.businessHours() } : {}),
    };
  }

  /** The configured business hours (FEEDBACK_BUSINESS_*), copied onto business-calendar cases. */
  businessHours(): BusinessHours {
    const [open, close] = this.env.FEEDBACK_BUSINESS_HOURS.split('-').map((hm) => {
      const [hh, mm] = hm.split(':').map(Number);
      return (hh ?? 0) * 60 + (mm ?? 0);
    });
    return {
      openMinute: open ?? 0,
      closeMinute: close ?? 1440,
      days: this.env.FEEDBACK_BUSINESS_DAYS.split(',').map(Number),
      holidays: this.env.FEEDBACK_HOLIDAYS ? this.env.FEEDBACK_HOLIDAYS.split(',') : [],
      utcOffsetMinutes: this.env.FEEDBACK_BUSINESS_UTC_OFFSET_MINUTES,
    };
  }

  async list(): Promise<SlaPolicyView[]> {
    const stored = new Map((await this.repo.all()).map((p) => [p._id, p]));
    return CASE_KINDS.flatMap((kind) =>
      CASE_SEVERITIES.map((severity) => {
        const s = stored.get(policyId(kind, severity));
        return {
          kind,
          severity,
          version: s?.version ?? 0,
          calendar: s?.calendar ?? 'calendar',
          targetsMinutes: s?.targets ?? DEFAULT_SLA_TARGETS[kind][severity],
          isDefault: !s,
        };
      }),
    );
  }

  async put(kind: CaseKind, severity: CaseSeverity, targets: SlaTargets, calendar: SlaCalendarKind, actor: Actor): Promise<SlaPolicyView> {
    if (targets.answer < targets.acknowledge) throw SlaPolicyErrors.order('answerMinutes', 'acknowledgeMinutes');
    if (targets.resolve < targets.answer) throw SlaPolicyErrors.order('resolveMinutes', 'answerMinutes');
    const saved = await this.repo.put(policyId(kind, severity), targets, calendar, { id: actor.id, role: actor.role }, this.clock.now());
    return { kind, severity, version: saved.version, calendar, targetsMinutes: saved.targets, isDefault: false };
  }
}
