import { EventEmitter } from 'node:events';
import { Schema } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';

/**
 * Transactional outbox without multi-document transactions: the events announcing a state
 * change are written INTO the changed document, in the same single-document atomic write
 * (`_outbox` array + `_outboxPending` flag). Either both the change and its events are stored,
 * or neither. The OutboxRelay then publishes pending events and removes them.
 */
export const OUTBOX_FIELD = '_outbox';
export const OUTBOX_PENDING_FIELD = '_outboxPending';

/** Wakes the relay as soon as a local write has stored events (no waiting for the next poll). */
export const outboxSignal = new EventEmitter();
outboxSignal.setMaxListeners(100);

export function outboxPlugin(schema: Schema): void {
  schema.add({
    [OUTBOX_FIELD]: { type: [Schema.Types.Mixed], default: undefined, select: false },
    [OUTBOX_PENDING_FIELD]: { type: Boolean, default: undefined, select: false },
  });
  schema.index({ [OUTBOX_PENDING_FIELD]: 1 }, { sparse: true });
  const wake = () => outboxSignal.emit('pending');
  schema.post('save', wake);
  schema.post('insertMany', wake);
  schema.post('updateOne', wake);
  schema.post('updateMany', wake);
  schema.post('findOneAndUpdate', wake);
  schema.post('bulkWrite', wake);
}

/** Fields to spread into a new document so that it is inserted together with its events. */
export function withEvents<T extends object>(doc: T, events: EventEnvelope[]): T & Record<string, unknown> {
  if (events.length === 0) return doc as T & Record<string, unknown>;
  return { ...doc, [OUTBOX_FIELD]: events, [OUTBOX_PENDING_FIELD]: true };
}

type UpdateDoc = Record<string, Record<string, unknown> | undefined>;

/** Extend an update document so that the same atomic update also stores the events. */
export function updateWithEvents(update: UpdateDoc, events: EventEnvelope[]): UpdateDoc {
  if (events.length === 0) return update;
  return {
    ...update,
    $push: { ...(update.$push ?? {}), [OUTBOX_FIELD]: { $each: events } },
    $set: { ...(update.$set ?? {}), [OUTBOX_PENDING_FIELD]: true },
  };
}
