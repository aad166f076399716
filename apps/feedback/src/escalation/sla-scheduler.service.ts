import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import { CasesRepository } from '../cases/cases.repository';
import type { Escalation } from '../cases/case.schema';
import { FeedbackEnv } from '../config/feedback.env';
import { breachedClocks, SLA_CLOCKS, type SlaClockName } from '../sla/sla-clock';

const BATCH = 200;

export interface SlaRunReport {
  warned: number;
  breached: number;
  escalated: number;
}

/**
 * The SLA scheduler: at 75 % of a running deadline it warns, at the deadline it records the
 * breach and escalates (level + 1, supervisor team, events). Each write is conditional on the
 * clock's state in the database (unwarned / unbreached, same cycle, same level), so across
 * restarts and any number of instances each happens at most once per case, clock and cycle.
 */
@Injectable()
export class SlaSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaSchedulerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SlaRunReport> | null = null;

  constructor(
    private readonly repo: CasesRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: FeedbackEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.FEEDBACK_SLA_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      this.run().catch((err: unknown) => this.logger.error({ msg: 'SLA scheduler failed', error: String(err) }));
    }, this.env.FEEDBACK_SLA_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass (a second caller in this process waits for the pass in progress). */
  async run(): Promise<SlaRunReport> {
    if (this.running) return this.running;
    this.running = this.pass();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async pass(): Promise<SlaRunReport> {
    const now = this.clock.now();
    const report: SlaRunReport = { warned: 0, breached: 0, escalated: 0 };
    for (const clock of SLA_CLOCKS) {
      report.warned += await this.warn(clock, now);
      const breached = await this.breach(clock, now);
      report.breached += breached;
      report.escalated += breached;
    }
    return report;
  }

  private async warn(clock: SlaClockName, now: Date): Promise<number> {
    let count = 0;
    const seen = new Set<string>();
    for (;;) {
      const due = (await this.repo.dueForWarning(clock, now, BATCH)).filter((c) => !seen.has(c._id));
      if (due.length === 0) return count;
      for (const c of due) {
        seen.add(c._id);
        const cl = c.sla[clock];
        const event = this.events.create('feedback.case.sla-warning.v1', {
          caseId: c._id,
          memberId: c.memberId,
          clock,
          cycle: cl.cycle,
          dueAt: new Date(cl.dueAt).toISOString(),
          warnedAt: now.toISOString(),
        });
        if (await this.repo.markWarned(c._id, clock, cl.cycle, now, [event])) count++;
      }
    }
  }

  private async breach(clock: SlaClockName, now: Date): Promise<number> {
    let count = 0;
    const seen = new Set<string>();
    for (;;) {
      const due = (await this.repo.dueForBreach(clock, now, BATCH)).filter((c) => !seen.has(c._id));
      if (due.length === 0) return count;
      for (const c of due) {
        seen.add(c._id);
        const cl = c.sla[clock];
        const level = c.escalationLevel + 1;
        const reason = `sla_breach_${clock}` as const;
        const escalation: Escalation = { level, reason, at: now, actor: { id: 'sla-scheduler', role: 'system' }, note: null };
        const breached = [...new Set([...breachedClocks(c.sla), clock])];
        const events = [
          this.events.create('feedback.case.sla-breached.v1', {
            caseId: c._id,
            memberId: c.memberId,
            clock,
            cycle: cl.cycle,
            dueAt: new Date(cl.dueAt).toISOString(),
            breachedAt: now.toISOString(),
          }),
          this.events.create('feedback.case.escalated.v1', { caseId: c._id, memberId: c.memberId, level, reason, escalatedAt: now.toISOString() }),
        ];
        if (await this.repo.markBreachedAndEscalate(c._id, clock, cl.cycle, c.escalationLevel, now, escalation, breached, events)) count++;
        // Lost the race (another instance, or the level changed): the case is re-read next pass if still due.
      }
    }
  }
}
