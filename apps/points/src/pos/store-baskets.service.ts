import { Injectable } from '@nestjs/common';
import { PointsEnv } from '../config/points.env';
import { judgeBasket, type AnomalyPolicy, type AnomalyVerdict } from './anomaly';
import { PosRepository } from './pos.repository';

/**
 * Each store's usual basket: its most recent sale totals (POINTS_ANOMALY_WINDOW), read from the
 * database at most every POINTS_ANOMALY_REFRESH_MS per instance (wall time, like the rules cache)
 * and joined at once by the sales this instance records. Another instance's sales are seen on its
 * next refresh: the median of a few hundred sales moves slowly, so that lag does not matter.
 */
@Injectable()
export class StoreBaskets {
  private readonly samples = new Map<string, { loadedAt: number; totals: number[] }>();
  private readonly policy: AnomalyPolicy;

  constructor(
    private readonly repo: PosRepository,
    private readonly env: PointsEnv,
  ) {
    this.policy = { multiple: env.POINTS_ANOMALY_MULTIPLE, minHistory: env.POINTS_ANOMALY_MIN_HISTORY };
  }

  /** Whether a sale of `totalMinor` at this store is held for review. */
  async judge(storeId: string, totalMinor: number): Promise<AnomalyVerdict> {
    if (this.policy.multiple <= 0) return { held: false, medianMinor: null, thresholdMinor: null, history: 0 };
    return judgeBasket(totalMinor, await this.recent(storeId), this.policy);
  }

  /** A sale this instance recorded (not held) joins its store's sample. */
  observe(storeId: string, totalMinor: number): void {
    const sample = this.samples.get(storeId);
    if (!sample) return;
    sample.totals.unshift(totalMinor);
    if (sample.totals.length > this.env.POINTS_ANOMALY_WINDOW) sample.totals.length = this.env.POINTS_ANOMALY_WINDOW;
  }

  private async recent(storeId: string): Promise<number[]> {
    const now = Date.now();
    const cached = this.samples.get(storeId);
    if (cached && now - cached.loadedAt < this.env.POINTS_ANOMALY_REFRESH_MS) return cached.totals;
    const totals = await this.repo.recentTotals(storeId, this.env.POINTS_ANOMALY_WINDOW);
    this.samples.set(storeId, { loadedAt: now, totals });
    return totals;
  }
}
