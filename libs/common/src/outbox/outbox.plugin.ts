import { EventEmitter } from 'node:events';
import { Schema, type Model, type Query } from 'mongoose';
import type { EventEnvelope } from '@app/contracts';
import { insertRawOnce } from '../idempotency/idempotent-consumer';

/**
 * Transactional outbox without multi-document transactions: the events announcing a state
 * change are written INTO the changed document, in the same single-document atomic write
 * (`_outbox` array + `_outboxPending` flag). Either both the change and its events are stored,
 * or neither. The OutboxRelay then publishes pending events and removes them.
 */
export const OUTBOX_FIELD = '_outbox';
export const OUTBOX_PENDING_FIELD = '_outboxPending';

/**
 * A local write stored events: `ids` are the documents to drain (found by `_id`, an indexed
 * lookup on every database); without ids the relay must scan the collection.
 */
export interface OutboxHint {
  model: string;
  ids?: unknown[];
  /**
   * Documents just INSERTED with their events: the events are known to be stored exactly as
   * given, so the relay publishes them without reading the documents back.
   */
  inserted?: Array<{ id: unknown; events: EventEnvelope[] }>;
}

/** Wakes the relay as soon as a local write has stored events (no waiting for the next scan). */
export const outboxSignal = new EventEmitter();
outboxSignal.setMaxListeners(100);

function hint(h: OutboxHint): void {
  outboxSignal.emit('pending', h);
}

type Update = Record<string, unknown> & { $set?: Record<string, unknown> };

function updateStoresEvents(update: unknown): boolean {
  if (!update || typeof update !== 'object') return false;
  const u = update as Update;
  return u.$set?.[OUTBOX_PENDING_FIELD] === true || u[OUTBOX_PENDING_FIELD] === true;
}

/** The `_id` a query filter pins down, if it pins exactly one. */
function pinnedId(filter: Record<string, unknown>): unknown {
  const id = filter._id;
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'object' && !(id.constructor?.name === 'ObjectId')) return undefined;
  return id;
}

function afterQuery(this: Query<unknown, unknown>, result: unknown): void {
  if (!updateStoresEvents(this.getUpdate())) return;
  const model = this.model.modelName;
  const id = pinnedId(this.getFilter());
  const resultId = result && typeof result === 'object' && '_id' in result ? result._id : undefined;
  const found = id ?? resultId;
  hint(found === undefined ? { model } : { model, ids: [found] });
}

export function outboxPlugin(schema: Schema): void {
  schema.add({
    [OUTBOX_FIELD]: { type: [Schema.Types.Mixed], default: undefined, select: false },
    [OUTBOX_PENDING_FIELD]: { type: Boolean, default: undefined, select: false },
  });
  schema.index({ [OUTBOX_PENDING_FIELD]: 1 }, { sparse: true });
  schema.pre('save', function (this: { isNew: boolean; $locals: Record<string, unknown> }) {
    this.$locals.outboxInserting = this.isNew;
  });
  schema.post('save', function (doc: { _id: unknown; get(path: string): unknown; $locals: Record<string, unknown>; constructor: { modelName?: string } }) {
    const model = doc.constructor.modelName;
    if (doc.get(OUTBOX_PENDING_FIELD) !== true || !model) return;
    const stored = doc.get(OUTBOX_FIELD);
    if (doc.$locals.outboxInserting === true && Array.isArray(stored)) {
      const events = stored.map((e: unknown) => ({ ...(e as EventEnvelope) }));
      hint({ model, inserted: [{ id: doc._id, events }] });
    } else {
      hint({ model, ids: [doc._id] });
    }
  });
  schema.post('insertMany', function (this: { modelName: string }, result: unknown) {
    const docs = (Array.isArray(result) ? result : []) as Array<{ _id: unknown; get?(path: string): unknown }>;
    const ids = docs.filter((d) => (d.get ? d.get(OUTBOX_PENDING_FIELD) : (d as Record<string, unknown>)[OUTBOX_PENDING_FIELD]) === true).map((d) => d._id);
    if (ids.length) hint({ model: this.modelName, ids });
  });
  schema.post('updateOne', afterQuery);
  schema.post('findOneAndUpdate', afterQuery);
  schema.post('updateMany', function (this: Query<unknown, unknown>) {
    if (updateStoresEvents(this.getUpdate())) hint({ model: this.model.modelName });
  });
  schema.post('bulkWrite', function (this: { modelName: string }) {
    hint({ model: this.modelName });
  });
}

/** Fields to spread into a new document so that it is inserted together with its events. */
export function withEvents<T extends object>(doc: T, events: EventEnvelope[]): T & Record<string, unknown> {
  if (events.length === 0) return doc as T & Record<string, unknown>;
  return { ...doc, [OUTBOX_FIELD]: events, [OUTBOX_PENDING_FIELD]: true };
}

/**
 * `insertRawOnce` (see there) of a document together with its events; the relay is told the
 * events stored, so it publishes them without reading the document back.
 */
export async function insertRawWithEvents<T extends { _id: unknown }>(model: Model<T>, doc: T, events: EventEnvelope[]): Promise<boolean> {
  if (!(await insertRawOnce(model, withEvents(doc, events)))) return false;
  if (events.length > 0) hint({ model: model.modelName, inserted: [{ id: doc._id, events }] });
  return true;
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
