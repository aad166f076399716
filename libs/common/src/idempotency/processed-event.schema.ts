import { Schema } from 'mongoose';

/** One row per (consumer, event id) already handled: the inbox that makes consumers idempotent. */
export interface ProcessedEvent {
  _id: string;
  consumer: string;
  eventId: string;
  type: string;
  processedAt: Date;
}

export const PROCESSED_EVENT_MODEL = 'ProcessedEvent';

export const ProcessedEventSchema = new Schema<ProcessedEvent>(
  {
    _id: { type: String, required: true },
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    processedAt: { type: Date, required: true },
  },
  { collection: 'processed_events', versionKey: false },
);
