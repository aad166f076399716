/**
 * Every event on the bus travels in this envelope (JSON in the Kafka message value).
 * The Kafka message key is `partitionKey` (the member id where a member is concerned), so one
 * member's events keep their order within a topic. Envelopes carry ids, never personal data.
 */
export interface EventEnvelope<P = unknown> {
  /** Unique event id (UUID). Consumers deduplicate on it. */
  id: string;
  /** Event type without version, e.g. `points.earned`. */
  type: string;
  /** Payload schema version. A breaking change is a new version and a new topic. */
  version: number;
  /** ISO-8601 UTC instant at which the state change happened. */
  occurredAt: string;
  /** Service that produced the event, e.g. `points`. */
  source: string;
  /** Follows one request through HTTP and Kafka. */
  correlationId: string;
  /** Id of the event (or request) that caused this one, if any. */
  causationId: string | null;
  /** Kafka message key. */
  partitionKey: string;
  payload: P;
}

/** Kafka headers set on every message (all values are strings). */
export const EventHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'x-correlation-id',
  causationId: 'causation-id',
  source: 'source',
} as const;

/** Headers added to a message moved to a dead-letter topic. */
export const DeadLetterHeaders = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/** Dead-letter topic of one consuming service (one per service, reason in headers). */
export function deadLetterTopic(service: string): string {
  return `${service}.dlq`;
}
