import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { BaseEnv } from '../config/base.env';
import { EventPublisher } from '../kafka/event-publisher';
import { OUTBOX_FIELD, OUTBOX_PENDING_FIELD, outboxSignal, type OutboxHint } from './outbox.plugin';
import { OUTBOX_RELAY_ENABLED } from '../platform/tokens';

const BATCH_DOCS = 500;
/** How long this relay remembers the ids of events it published (see `recent`). */
const RECENT_MS = 60_000;

interface PendingDoc {
  _id: unknown;
  [OUTBOX_FIELD]?: EventEnvelope[];
}

/**
 * Publishes events stored in documents by the outbox plugin, then removes them. A crash after
 * publishing and before removing republishes on restart: delivery is at least once, and every
 * consumer deduplicates on the event id, so the effect is exactly once.
 *
 * Finding pending documents: local writes hint their document ids (drained by `_id`, indexed on
 * every database, so the cost does not grow with the collection); a full scan of the pending
 * flag runs at start-up and every OUTBOX_SCAN_MS as the safety net for what no hint covers
 * (a crash between write and publish, another instance's writes, multi-document updates).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Per model: documents to drain, by id, with their events when an insert told us them. */
  private readonly hinted = new Map<string, Map<string, { id: unknown; events: EventEnvelope[] | null }>>();
  private scanRequested = true;
  private readonly onSignal = (h: OutboxHint) => {
    if (h.ids || h.inserted) {
      const docs = this.hinted.get(h.model) ?? new Map<string, { id: unknown; events: EventEnvelope[] | null }>();
      // An id hinted without events (a later update) must be read back: it wins over known events.
      for (const d of h.inserted ?? []) if (!docs.has(String(d.id))) docs.set(String(d.id), { id: d.id, events: d.events });
      for (const id of h.ids ?? []) docs.set(String(id), { id, events: null });
      this.hinted.set(h.model, docs);
    } else {
      this.scanRequested = true;
    }
    this.wake?.();
  };
  /**
   * Ids of events this relay published lately, oldest first. An insert's hint can reach the relay
   * after a scan has already published and settled that document: its events are then not sent
   * again (delivery stays at least once across instances, but one relay does not repeat itself).
   */
  private readonly recent = new Map<string, number>();
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
    this.scanRequested = true;
    outboxSignal.on('pending', this.onSignal);
    this.loop = this.run();
  }

  /** Stop, then flush what is pending so a graceful shutdown leaves nothing behind. */
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

  /** Publish everything pending now (full scan); returns the number of events published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.drainHinted()) + (await this.drainScan());
      total += n;
      if (n === 0) return total;
    }
  }

  /** Pending documents across all collections that use the outbox plugin. */
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
    let nextScanAt = 0;
    while (this.running) {
      let published = 0;
      try {
        published += await this.drainHinted();
        if (this.scanRequested || Date.now() >= nextScanAt) {
          this.scanRequested = false;
          nextScanAt = Date.now() + this.env.OUTBOX_SCAN_MS;
          published += await this.drainScan();
        }
        failures = 0;
      } catch (err) {
        failures += 1;
        this.scanRequested = true; // hints taken by the failed pass are recovered by the scan
        this.logger.warn({ msg: 'outbox relay pass failed; will retry', error: String(err), failures });
      }
      const idle = published === 0 && this.hinted.size === 0 && !this.scanRequested;
      if (this.running && (idle || failures > 0)) {
        const wait = failures ? Math.min(5000, 100 * 2 ** failures) : Math.max(0, nextScanAt - Date.now());
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  /** Drain the documents local writes told us about, by `_id`. */
  private async drainHinted(): Promise<number> {
    if (this.hinted.size === 0) return 0;
    const batches = [...this.hinted];
    this.hinted.clear();
    let count = 0;
    for (const [modelName, docs] of batches) {
      const model = this.connection.models[modelName] as Model<unknown> | undefined;
      if (!model) continue;
      const known: PendingDoc[] = [];
      const unknown: unknown[] = [];
      for (const d of docs.values()) {
        if (d.events) {
          if (!d.events.some((e) => this.recent.has(e.id))) known.push({ _id: d.id, [OUTBOX_FIELD]: d.events });
        } else unknown.push(d.id);
      }
      for (let i = 0; i < known.length; i += BATCH_DOCS) count += await this.publishKnown(model, known.slice(i, i + BATCH_DOCS));
      for (let i = 0; i < unknown.length; i += BATCH_DOCS) {
        count += await this.publishDocs(model, { _id: { $in: unknown.slice(i, i + BATCH_DOCS) }, [OUTBOX_PENDING_FIELD]: true });
      }
    }
    return count;
  }

  /** Full scan of the pending flag in every outbox collection (safety net). */
  private async drainScan(): Promise<number> {
    let count = 0;
    for (const model of this.outboxModels()) {
      for (;;) {
        const n = await this.publishDocs(model, { [OUTBOX_PENDING_FIELD]: true });
        count += n;
        if (n === 0) break;
      }
    }
    return count;
  }

  private async publishDocs(model: Model<unknown>, filter: Record<string, unknown>): Promise<number> {
    // The driver's collection, not the model: nothing to cast or hydrate, and no middleware.
    const docs = (await model.collection.find(filter, { projection: { _id: 1, [OUTBOX_FIELD]: 1 }, limit: BATCH_DOCS }).toArray()) as unknown as PendingDoc[];
    return this.publishKnown(model, docs);
  }

  /** Publish the events of documents as they are stored, then remove them from the documents. */
  private async publishKnown(model: Model<unknown>, docs: PendingDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const events = docs.flatMap((d) => d[OUTBOX_FIELD] ?? []).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    if (events.length > 0) await this.publisher.publish(events);
    this.remember(events);
    await this.settle(model, docs);
    this.published += events.length;
    return events.length;
  }

  private remember(events: EventEnvelope[]): void {
    const now = Date.now();
    for (const e of events) {
      this.recent.delete(e.id); // keep the map in time order
      this.recent.set(e.id, now);
    }
    for (const [id, at] of this.recent) {
      if (now - at < RECENT_MS) break;
      this.recent.delete(id);
    }
  }

  /**
   * Remove exactly what was published, through the driver's collection: these writes store no
   * events, and going through the model would run the outbox plugin's bulkWrite hook, which asks
   * for a full scan (a collection scan per pass where only unique indexes are used).
   * Common case, one operation: the outbox still holds
   * exactly those events, so unset it. Otherwise (events pushed meanwhile, or another relay got
   * there first): pull the published ids, then unset if nothing is left.
   */
  private async settle(model: Model<unknown>, docs: PendingDoc[]): Promise<void> {
    const ops = docs.map((d) => {
      const ids = (d[OUTBOX_FIELD] ?? []).map((e) => e.id);
      const exact = ids.length
        ? { _id: d._id, [OUTBOX_FIELD]: { $size: ids.length }, [`${OUTBOX_FIELD}.id`]: { $all: ids } }
        : { _id: d._id, $or: [{ [OUTBOX_FIELD]: { $size: 0 } }, { [OUTBOX_FIELD]: { $exists: false } }] };
      return { updateOne: { filter: exact, update: { $unset: { [OUTBOX_PENDING_FIELD]: 1, [OUTBOX_FIELD]: 1 } } } };
    });
    const result = await model.collection.bulkWrite(ops as never, { ordered: false });
    if (result.matchedCount === docs.length) return;
    const leftovers = await model.collection
      .find({ _id: { $in: docs.map((d) => d._id) } as never, [OUTBOX_PENDING_FIELD]: true }, { projection: { _id: 1 } })
      .toArray();
    if (leftovers.length === 0) return;
    const published = new Map(docs.map((d) => [String(d._id), (d[OUTBOX_FIELD] ?? []).map((e) => e.id)]));
    await model.collection.bulkWrite(
      leftovers.map((d) => ({
        updateOne: { filter: { _id: d._id }, update: { $pull: { [OUTBOX_FIELD]: { id: { $in: published.get(String(d._id)) ?? [] } } } } },
      })) as never,
      { ordered: false },
    );
    await model.collection.bulkWrite(
      leftovers.map((d) => ({
        updateOne: { filter: { _id: d._id, [OUTBOX_FIELD]: { $size: 0 } }, update: { $unset: { [OUTBOX_PENDING_FIELD]: 1, [OUTBOX_FIELD]: 1 } } },
      })),
      { ordered: false },
    );
  }
}
