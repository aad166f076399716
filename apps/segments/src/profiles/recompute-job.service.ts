import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@app/common';
import { AudienceRepository } from '../audience/audience.repository';
import { SegmentsEnv } from '../config/segments.env';
import { evaluateProfile } from './profile-state';
import { ProfileEvaluator, standingOf, type Moves } from './profile-evaluator.service';
import { ProfilesRepository } from './profiles.repository';
import type { RecomputeJob } from './profiles.schema';
import { rfmCuts, type RfmValues } from './rfm';

const BATCH = 500;

/**
 * The full recompute, on demand and on a timer (SEGMENTS_RECOMPUTE_INTERVAL_MS): features of
 * every member at the clock's now, new quintile cut points over the members active in the window,
 * then every member re-placed against them (segment and stage moves published as they happen).
 * This is also how time alone moves members to at-risk and churned. Progress is kept on a job
 * document; one run at a time per instance, and racing instances converge (every write is a
 * compare-and-set of a pure function of the same facts).
 */
@Injectable()
export class RecomputeJobService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RecomputeJobService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: { job: RecomputeJob; done: Promise<RecomputeJob> } | null = null;

  constructor(
    private readonly repo: ProfilesRepository,
    private readonly audience: AudienceRepository,
    private readonly evaluator: ProfileEvaluator,
    private readonly clock: Clock,
    private readonly env: SegmentsEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.SEGMENTS_RECOMPUTE_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      this.start('schedule')
        .then((r) => r.done)
        .catch((err: unknown) => this.logger.error({ msg: 'scheduled recompute failed', error: String(err) }));
    }, this.env.SEGMENTS_RECOMPUTE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Start a run (or join the one in progress): the job as started, and its completion. */
  async start(trigger: RecomputeJob['trigger']): Promise<{ job: RecomputeJob; done: Promise<RecomputeJob> }> {
    if (this.running) return this.running;
    const job: RecomputeJob = {
      _id: `rcj_${randomUUID()}`,
      status: 'running',
      phase: 'features',
      trigger,
      total: await this.repo.countProfiles(),
      processed: 0,
      moves: { segment: 0, stage: 0 },
      startedAt: this.clock.now(),
      finishedAt: null,
      error: null,
    };
    await this.repo.insertJob(job);
    const done = this.run(job).finally(() => {
      this.running = null;
    });
    this.running = { job, done };
    return this.running;
  }

  async find(jobId: string): Promise<RecomputeJob | null> {
    return this.repo.findJob(jobId);
  }

  private async run(job: RecomputeJob): Promise<RecomputeJob> {
    try {
      const values = await this.activeValues(job);
      await this.progress(job, { phase: 'cuts' });
      const cuts = rfmCuts(values);
      await this.repo.saveCuts({ ...cuts, population: values.length, computedAt: this.clock.now() });
      await this.progress(job, { phase: 'placement', processed: 0 });
      const moves: Moves = { segment: 0, stage: 0 };
      let processed = 0;
      for (let after: string | null = null; ;) {
        const ids = await this.repo.profileIdsAfter(after, BATCH);
        if (ids.length === 0) break;
        const m = await this.evaluator.evaluate(ids, cuts);
        moves.segment += m.segment;
        moves.stage += m.stage;
        processed += ids.length;
        await this.progress(job, { processed, moves });
        after = ids[ids.length - 1]!;
      }
      await this.progress(job, { status: 'completed', phase: 'done', finishedAt: this.clock.now() });
      this.logger.log({ msg: 'segments recomputed', jobId: job._id, population: values.length, members: processed, moves });
    } catch (err) {
      await this.progress(job, { status: 'failed', finishedAt: this.clock.now(), error: err instanceof Error ? err.message : String(err) });
      this.logger.error({ msg: 'segments recompute failed', jobId: job._id, error: String(err) });
    }
    return job;
  }

  /** Recency, frequency and monetary of every profiled member active in the window, at now. */
  private async activeValues(job: RecomputeJob): Promise<RfmValues[]> {
    const values: RfmValues[] = [];
    const now = this.clock.now();
    let processed = 0;
    for (let after: string | null = null; ;) {
      const ids = await this.repo.profileIdsAfter(after, BATCH);
      if (ids.length === 0) break;
      const [members, facts] = await Promise.all([this.audience.findMany(ids), this.repo.factsOf(ids)]);
      const byId = new Map(members.map((m) => [m._id, m]));
      for (const id of ids) {
        const s = evaluateProfile(facts.get(id) ?? { purchases: [], returns: [] }, standingOf(byId.get(id)), null, now, this.evaluator.config);
        if (s.profiled && s.features.purchaseCount > 0 && s.features.recencyDays !== null) {
          values.push({ recencyDays: s.features.recencyDays, frequency: s.features.purchaseCount, monetaryMinor: s.features.netSpendMinor });
        }
      }
      processed += ids.length;
      await this.progress(job, { processed });
      after = ids[ids.length - 1]!;
    }
    return values;
  }

  private async progress(job: RecomputeJob, set: Partial<RecomputeJob>): Promise<void> {
    Object.assign(job, set);
    await this.repo.updateJob(job._id, set);
  }
}
