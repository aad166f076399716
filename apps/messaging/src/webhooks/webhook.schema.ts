import { Schema } from 'mongoose';

export const ENDPOINT_STATUSES = ['active', 'paused'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

/** An integrator's endpoint: where to POST which events, signed with its own secret. */
export interface WebhookEndpoint {
  _id: string;
  url: string;
  description: string;
  eventTypes: string[];
  /** HMAC key; shown once when the endpoint is created. */
  secret: string;
  status: EndpointStatus;
  /** Why it is paused (`failing`: paused automatically; `manual`). */
  pausedReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: { id: string; role: string };
}

export const WEBHOOK_ENDPOINT_MODEL = 'MessagingWebhookEndpoint';
export const WebhookEndpointSchema = new Schema<WebhookEndpoint>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    description: { type: String, default: '' },
    eventTypes: { type: [String], required: true },
    secret: { type: String, required: true },
    status: { type: String, required: true, enum: ENDPOINT_STATUSES },
    pausedReason: { type: String, default: null },
    consecutiveFailures: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    createdBy: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'messaging_webhook_endpoints', versionKey: false },
);
WebhookEndpointSchema.index({ eventTypes: 1 });

/**
 * One event to one endpoint (`<endpointId>:<eventId>`, so a redelivered event is queued once):
 * pending -> delivering -> delivered; a failure goes back to pending with backoff until the retry
 * window ends (failed). `held` while the endpoint is paused; a replay makes them pending again.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed', 'held'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface WebhookAttempt {
  at: Date;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** The first characters of the answer. */
  response: string;
}

export interface WebhookDelivery {
  _id: string;
  endpointId: string;
  eventId: string;
  eventName: string;
  occurredAt: Date;
  /** The envelope exactly as published (ids, no personal data), serialised once. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  firstAttemptAt: Date | null;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  deliveredAt: Date | null;
  log: WebhookAttempt[];
  createdAt: Date;
}

export const WEBHOOK_DELIVERY_MODEL = 'MessagingWebhookDelivery';
export const WebhookDeliverySchema = new Schema<WebhookDelivery>(
  {
    _id: { type: String, required: true },
    endpointId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventName: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    body: { type: String, required: true },
    status: { type: String, required: true, enum: WEBHOOK_DELIVERY_STATUSES },
    attempts: { type: Number, required: true },
    firstAttemptAt: { type: Date, default: null },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
    log: { type: [new Schema<WebhookAttempt>({ at: Date, status: Number, error: String, durationMs: Number, response: String }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'messaging_webhook_deliveries', versionKey: false },
);
WebhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
WebhookDeliverySchema.index({ endpointId: 1, occurredAt: 1 });
