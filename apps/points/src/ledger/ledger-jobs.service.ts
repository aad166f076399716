import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import { PointsEnv } from '../config/points.env';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { pointsToExpire } from './fifo';
import type { Lot } from './ledger.schema';

const BATCH = 500;

export interface JobReport {
  released: { lots: number; points: number };
  expired: { members: number; points: number };
  sweptInflight: number;
}

/**
 * Scheduled work, driven by the injected clock: pending points become available after the return
 * window, unspent lots expire, and ledger entries left in flight are finished. Callable through
 * the admin job endpoint and on a timer (POINTS_JOB_INTERVAL_MS; 0 = timer off). Every step is
 * idempotent, so two instances running it at once converge.
 */
@Injectable()
export class LedgerJobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LedgerJobsService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<JobReport> | null = null;

  constructor(
    private readonly repo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly env: PointsEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.POINTS_JOB_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      this.runAll().catch((err: unknown) => this.logger.error({ msg: 'points jobs failed', error: String(err) }));
    }, this.env.POINTS_JOB_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Run all jobs once (a second caller waits for the run in progress). */
  async runAll(): Promise<JobReport> {
    if (this.running) return this.running;
    this.running = (async () => {
      const sweptInflight = await this.ledger.sweepInflight();
      const released = await this.releasePending();
      const expired = await this.expireLots();
      return { released, expired, sweptInflight };
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async releasePending(): Promise<{ lots: number; points: number }> {
    const now = this.clock.now();
    for (;;) {
      const due = await this.repo.lotsDueForRelease(now, BATCH);
      if (due.length === 0) break;
      let marked = 0;
      for (const lot of due) if (await this.repo.markReleased(lot)) marked++;
      if (marked === 0) break; // all raced with reversals; the next run retries them
    }
    let lots = 0;
    let points = 0;
    for (;;) {
      const toApply = await this.repo.releasedNotApplied(BATCH);
      if (toApply.length === 0) break;
      for (const lot of toApply) {
        points += await this.applyRelease(lot, now);
        lots++;
      }
    }
    return { lots, points };
  }

  private async applyRelease(lot: Lot, now: Date): Promise<number> {
    const amount = lot.releasedAmount ?? 0;
    if (amount > 0) {
      const event = this.events.create('points.pending.released.v1', { memberId: lot.memberId, lotId: lot._id, points: amount, releasedAt: now.toISOString() });
      await this.ledger.post(
        {
          key: `release:${lot._id}`,
          memberId: lot.memberId,
          type: 'release',
          pendingDelta: -amount,
          availableDelta: amount,
          reference: { lotId: lot._id },
          occurredAt: now,
        },
        [event],
      );
    }
    await this.repo.markReleaseApplied(lot._id);
    return amount;
  }

  async expireLots(): Promise<{ members: number; points: number }> {
    const now = this.clock.now();
    let members = 0;
    let points = 0;
    const tried = new Set<string>();
    for (;;) {
      // A member whose expiry kept racing with spending stays due; it is retried next run.
      const memberIds = (await this.repo.membersWithExpiringLots(now, BATCH)).filter((m) => !tried.has(m));
      if (memberIds.length === 0) break;
      for (const memberId of memberIds) {
        tried.add(memberId);
        points += await this.expireMember(memberId, now);
        members++;
      }
    }
    return { members, points };
  }

  /** Expire what is left (first in, first out) of a member's lots whose validity ended. */
  private async expireMember(memberId: string, now: Date): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const [lots, balance] = await Promise.all([this.repo.lotsOfMember(memberId), this.repo.balanceOf(memberId)]);
      // A lot still pending (only with a return window longer than the validity) expires once released.
      const due = lots.filter((l) => l.released && !l.expiryChecked && new Date(l.expiresAt).getTime() <= now.getTime());
      if (due.length === 0) return 0;
      const views = lots.filter((l) => l.released).map((l) => ({ id: l._id, net: l.points - l.reversed, expiresAt: new Date(l.expiresAt) }));
      const amount = pointsToExpire(views, balance?.spent ?? 0, balance?.available ?? 0, now);
      if (amount > 0) {
        const latest = due.reduce((m, l) => Math.max(m, new Date(l.expiresAt).getTime()), 0);
        const expiryId = `${memberId}:${new Date(latest).toISOString()}`;
        const event = this.events.create('points.expired.v1', { memberId, expiryId, points: amount, expiredAt: now.toISOString() });
        const result = await this.ledger.post(
          { key: `expire:${expiryId}`, memberId, type: 'expire', availableDelta: -amount, spentDelta: amount, reference: { expiryId }, occurredAt: now },
          [event],
          { expectSpent: balance?.spent ?? 0 },
        );
        if (result.outcome === 'stale' || result.outcome === 'insufficient') continue; // spent meanwhile: recompute
      }
      await this.repo.markExpiryChecked(due.map((l) => l._id));
      return amount;
    }
    this.logger.warn({ msg: 'expiry of a member kept racing with spending; retried next run', memberId });
    return 0;
  }
}
