import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository';

/** How long a finished entry's in-flight mark may wait to be cleared with others. */
const FLUSH_MS = 25;

/**
 * Step 3 of posting (forget the in-flight copy) for many entries in one database round trip.
 * Deferring it is safe: until it is cleared, an in-flight copy only means "finish me", and
 * finishing is idempotent (the ledger line and the lot are keyed), so the sweeper re-finishing
 * an entry whose mark was not cleared yet (a crash before the flush) changes nothing.
 */
@Injectable()
export class InflightClearer implements OnModuleDestroy {
  private readonly logger = new Logger(InflightClearer.name);
  private pending = new Map<string, string[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly repo: LedgerRepository) {}

  clear(memberId: string, key: string): void {
    const keys = this.pending.get(memberId);
    if (keys) keys.push(key);
    else this.pending.set(memberId, [key]);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = [...this.pending].map(([memberId, keys]) => ({ memberId, keys }));
    this.pending = new Map();
    try {
      await this.repo.clearInflight(batch);
    } catch (err) {
      // The marks stay; the sweeper finishes those entries again (a no-op) and clears them.
      this.logger.warn({ msg: 'clearing in-flight marks failed; the sweeper will', error: String(err), members: batch.length });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}
