import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { RATE_LIMIT_WINDOW_MODEL, type RateLimitWindow } from './rate-limit-window.schema';
import type { WindowDelta } from './rate-limiter';

const windowId = (key: string, start: number) => `${key}|${start}`;

/** The shared rate-limit counters (one document per key and window). */
@Injectable()
export class RateLimitRepository {
  constructor(@InjectModel(RATE_LIMIT_WINDOW_MODEL) private readonly windows: Model<RateLimitWindow>) {}

  /** Add this instance's new hits and answer each window's total over all instances. */
  async addAndRead(deltas: WindowDelta[]): Promise<Array<{ key: string; start: number; total: number }>> {
    if (deltas.length === 0) return [];
    await this.windows.bulkWrite(
      deltas.map((d) => ({
        updateOne: { filter: { _id: windowId(d.key, d.start) }, update: { $inc: { count: d.delta }, $setOnInsert: { start: d.start } }, upsert: true },
      })),
      { ordered: false },
    );
    const ids = deltas.map((d) => windowId(d.key, d.start));
    const docs = await this.windows.find({ _id: { $in: ids } }, { count: 1 }).lean();
    const totals = new Map(docs.map((d) => [d._id, d.count]));
    return deltas.map((d) => ({ key: d.key, start: d.start, total: totals.get(windowId(d.key, d.start)) ?? 0 }));
  }

  /** Forget windows that ended before `before` (ms). */
  async deleteBefore(before: number): Promise<void> {
    await this.windows.deleteMany({ start: { $lt: before } });
  }
}
