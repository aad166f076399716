import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { Clock } from '../clock/clock';
import { PROCESSED_EVENT_MODEL, type ProcessedEvent } from './processed-event.schema';

const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}

/**
 * Insert a document keyed by something unique (an idempotency key): true when this call wrote
 * it, false when it already existed (a retry, a redelivery, a racing duplicate). For use inside
 * repositories.
 */
export async function insertOnce<T>(model: Model<T>, doc: Partial<T> | Record<string, unknown>): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * `insertOnce` straight through the driver: no mongoose casting, defaults, validation or hooks,
 * hence cheaper. For hot paths whose documents are built complete and typed in code.
 */
export async function insertRawOnce<T extends { _id: unknown }>(model: Model<T>, doc: T): Promise<boolean> {
  try {
    await model.collection.insertOne(doc as never);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * Runs an event's effect once per consumer. The marker is written after the effect, so a crash
 * in between re-runs the effect on redelivery: effects must therefore also be idempotent on
 * their own document (see `onceFilter`/`onceUpdate`, or a unique key derived from the event
 * id). The marker makes the common case (a redelivered batch) cheap and certain.
 */
@Injectable()
export class IdempotentConsumer {
  constructor(
    @InjectModel(PROCESSED_EVENT_MODEL) private readonly processed: Model<ProcessedEvent>,
    private readonly clock: Clock,
  ) {}

  /** Returns true if the effect ran, false if the event had already been handled. */
  async runOnce(consumer: string, event: EventEnvelope, effect: () => Promise<void>): Promise<boolean> {
    const id = `${consumer}:${event.id}`;
    if (await this.processed.collection.findOne({ _id: id as never }, { projection: { _id: 1 } })) return false;
    await effect();
    await this.markProcessed(consumer, event);
    return true;
  }

  /**
   * Only the marker, for a consumer whose effects are idempotent on their own and run again on a
   * redelivery (no read before the effect): the marker still tells operators and tests that the
   * event was handled.
   */
  async markProcessed(consumer: string, event: EventEnvelope): Promise<void> {
    await insertRawOnce(this.processed, { _id: `${consumer}:${event.id}`, consumer, eventId: event.id, type: event.type, processedAt: this.clock.now() });
  }
}

/** Per-document guard: apply an update only if this event id is not among the last ones applied. */
export const APPLIED_EVENTS_FIELD = '_appliedEvents';
const APPLIED_EVENTS_KEPT = 500;

export function onceFilter(eventId: string): Record<string, unknown> {
  return { [APPLIED_EVENTS_FIELD]: { $ne: eventId } };
}

export function onceUpdate(eventId: string): Record<string, unknown> {
  return { $push: { [APPLIED_EVENTS_FIELD]: { $each: [eventId], $slice: -APPLIED_EVENTS_KEPT } } };
}
