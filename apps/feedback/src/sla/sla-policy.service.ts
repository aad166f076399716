import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import { CASE_KINDS, CASE_SEVERITIES, type CaseKind, type CaseSeverity } from '../cases/case.model';
import type { SlaTargets } from './sla-clock';
import { DEFAULT_SLA_TARGETS, policyId, type SlaPolicySnapshot } from './sla-policy';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyErrors } from './sla.errors';

export interface SlaPolicyView {
  kind: CaseKind;
  severity: CaseSeverity;
  version: number;
  calendar: 'calendar';
  targetsMinutes: SlaTargets;
  isDefault: boolean;
}

/** Deadlines per kind and severity: stored policies over the standards' defaults. */
@Injectable()
export class SlaPolicyService {
  constructor(
    private readonly repo: SlaPolicyRepository,
    private readonly clock: Clock,
  ) {}

  /** The policy in force now, to copy onto a case that opens. */
  async snapshot(kind: CaseKind, severity: CaseSeverity): Promise<SlaPolicySnapshot> {
    const id = policyId(kind, severity);
    const stored = await this.repo.find(id);
    return { policyId: id, version: stored?.version ?? 0, calendar: 'calendar', targets: stored?.targets ?? DEFAULT_SLA_TARGETS[kind][severity] };
  }

  async list(): Promise<SlaPolicyView[]> {
    const stored = new Map((await this.repo.all()).map((p) => [p._id, p]));
    return CASE_KINDS.flatMap((kind) =>
      CASE_SEVERITIES.map((severity) => {
        const s = stored.get(policyId(kind, severity));
        return { kind, severity, version: s?.version ?? 0, calendar: 'calendar' as const, targetsMinutes: s?.targets ?? DEFAULT_SLA_TARGETS[kind][severity], isDefault: !s };
      }),
    );
  }

  async put(kind: CaseKind, severity: CaseSeverity, targets: SlaTargets, actor: Actor): Promise<SlaPolicyView> {
    if (targets.answer < targets.acknowledge) throw SlaPolicyErrors.order('answerMinutes', 'acknowledgeMinutes');
    if (targets.resolve < targets.answer) throw SlaPolicyErrors.order('resolveMinutes', 'answerMinutes');
    const saved = await this.repo.put(policyId(kind, severity), targets, { id: actor.id, role: actor.role }, this.clock.now());
    return { kind, severity, version: saved.version, calendar: 'calendar', targetsMinutes: saved.targets, isDefault: false };
  }
}
