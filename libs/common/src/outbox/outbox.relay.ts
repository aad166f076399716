import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { BaseEnv } from '../config/base.env';
import { EventPublisher } from '../kafka/event-publisher';
import { OUTBOX_FIELD, OUTBOX_PENDING_FIELD, outboxSignal } from './outbox.plugin';
import { OUTBOX_RELAY_ENABLED } from '../platform/tokens';

const BATCH_DOCS = 500;

interface PendingDoc {
  _id: unknown;
  [OUTBOX_FIELD]?: EventEnvelope[];
}

/**
 * Publishes events stored in documents by the outbox plugin, then removes them. A crash after
 * publishing and before removing republishes on restart: delivery is at least once, and every
 * consumer deduplicates on the event id, so the effect is exactly once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly onSignal = () => this.wake?.();
  /** Events published since start (for metrics and tests). */
  published = 0;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly publisher: EventPublisher,
    private readonly env: BaseEnv,
    @Inject(OUTBOX_RELAY_ENABLED) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.enabled) this.start();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    outboxSignal.on('pending', this.onSignal);
    this.loop = this.run();
  }

  /** Stop polling, then flush what is pending so a graceful shutdown leaves nothing behind. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    outboxSignal.off('pending', this.onSignal);
    this.wake?.();
    await this.loop;
    this.loop = null;
    try {
      await this.drain();
    } catch (err) {
      this.logger.warn({ msg: 'outbox flush at shutdown failed; events stay stored and go out at next start', error: String(err) });
    }
  }

  /** Publish everything pending now; returns the number of events published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.drainOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  /** Pending events across all collections that use the outbox plugin. */
  async backlog(): Promise<number> {
    let n = 0;
    for (const model of this.outboxModels()) n += await model.countDocuments({ [OUTBOX_PENDING_FIELD]: true });
    return n;
  }

  private outboxModels(): Model<unknown>[] {
    return Object.values(this.connection.models).filter((m) => m.schema.path(OUTBOX_FIELD) !== undefined) as Model<unknown>[];
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
        failures = 0;
      } catch (err) {
        failures += 1;
        this.logger.warn({ msg: 'outbox relay pass failed; will retry', error: String(err), failures });
      }
      if (published === 0 && this.running) {
        const backoff = failures ? Math.min(5000, this.env.OUTBOX_POLL_MS * 2 ** failures) : this.env.OUTBOX_POLL_MS;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  private async drainOnce(): Promise<number> {
    let count = 0;
    for (const model of this.outboxModels()) count += await this.drainModel(model);
    return count;
  }

  private async drainModel(model: Model<unknown>): Promise<number> {
    const docs = (await model
      .find({ [OUTBOX_PENDING_FIELD]: true })
      .select({ _id: 1, [OUTBOX_FIELD]: 1 })
      .limit(BATCH_DOCS)
      .lean()
      .exec()) as unknown as PendingDoc[];
    const withEvents = docs.filter((d) => (d[OUTBOX_FIELD]?.length ?? 0) > 0);
    const empty = docs.filter((d) => (d[OUTBOX_FIELD]?.length ?? 0) === 0);
    const events = withEvents
      .flatMap((d) => d[OUTBOX_FIELD] ?? [])
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    if (events.length > 0) await this.publisher.publish(events);
    // Remove exactly what was published; events pushed meanwhile stay pending.
    const pulls = withEvents.map((d) => ({
      updateOne: {
        filter: { _id: d._id },
        update: { $pull: { [OUTBOX_FIELD]: { id: { $in: (d[OUTBOX_FIELD] ?? []).map((e) => e.id) } } } },
      },
    }));
    if (pulls.length) await model.bulkWrite(pulls as never, { ordered: false });
    const settled = [...withEvents, ...empty].map((d) => ({
      updateOne: {
        filter: { _id: d._id, [OUTBOX_FIELD]: { $size: 0 } },
        update: { $unset: { [OUTBOX_PENDING_FIELD]: 1, [OUTBOX_FIELD]: 1 } },
      },
    }));
    if (settled.length) await model.bulkWrite(settled as never, { ordered: false });
    this.published += events.length;
    return events.length;
  }
}
