import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@app/contracts';
import { breachedClocks, nextDue, type SlaClocks } from '../sla/sla-clock';
import { CasesErrors } from './cases.errors';
import { CasesRepository } from './cases.repository';
import type { FeedbackCase } from './case.schema';

export interface CaseChange {
  set: Partial<FeedbackCase>;
  push?: Record<string, unknown>;
  events?: EventEnvelope[];
}

const ATTEMPTS = 4;

/**
 * Read a case, decide a change from it (pure), write it on condition that the case is still the
 * version read, and retry from a fresh read when someone else (the scheduler, another agent or
 * instance) changed it first. `decide` throws domain errors (an illegal transition is a 409).
 */
@Injectable()
export class CaseMutator {
  constructor(private readonly repo: CasesRepository) {}

  async load(caseId: string): Promise<FeedbackCase> {
    const found = await this.repo.find(caseId);
    if (!found) throw CasesErrors.notFound();
    return found;
  }

  async mutate(caseId: string, decide: (c: FeedbackCase) => CaseChange | Promise<CaseChange>): Promise<FeedbackCase> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await this.load(caseId);
      const change = await decide(current);
      const set = change.set.sla ? { ...change.set, ...slaIndexes(change.set.sla) } : change.set;
      const updated = await this.repo.update(caseId, current.version, set, change.events ?? [], change.push ?? {});
      if (updated) return updated;
    }
    throw CasesErrors.concurrentChange();
  }
}

/** Fields kept beside the clocks for queues: the soonest running deadline and the missed ones. */
export function slaIndexes(sla: SlaClocks): Pick<FeedbackCase, 'nextDueAt' | 'breached'> {
  return { nextDueAt: nextDue(sla), breached: breachedClocks(sla) };
}
