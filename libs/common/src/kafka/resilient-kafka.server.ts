import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { Partitioners, type Consumer, type EachMessagePayload, type IHeaders } from 'kafkajs';
import { DeadLetterHeaders, deadLetterTopic, type EventEnvelope } from '@app/contracts';
import { normaliseCorrelationId, RequestContext } from '../context/request-context';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../errors/database-unavailable';
import { DomainError, type ErrorKind } from '../errors/domain-error';
import { parseIncomingEvent } from './incoming-event';

export interface ResilientKafkaOptions {
  service: string;
  groupId: string;
  /** Attempts of one message before it goes to the dead-letter topic. */
  maxAttempts: number;
  /** Partitions processed in parallel. */
  concurrency: number;
  /** Skip (commit without handling) messages whose Kafka timestamp is before this instant. */
  skipBefore?: Date;
  /** First retry delay; doubles per attempt, capped at 5 s. */
  retryBackoffMs?: number;
  client: Required<KafkaOptions>['options']['client'];
}

/** Errors that no retry can fix: the message goes to the dead-letter topic at once. */
const PERMANENT_KINDS: ReadonlySet<ErrorKind> = new Set(['invalid', 'unprocessable', 'forbidden', 'gone', 'too_large']);

export interface ConsumerStats {
  skipped: number;
  handled: number;
  retried: number;
  deadLettered: number;
  /** Retries spent waiting for the database to come back (no attempt counted, nothing dead-lettered). */
  waitedForDatabase: number;
}

/** How often, in waits for the database, a still-waiting consumer says so again. */
const DATABASE_WAIT_LOG_EVERY = 12;

/**
 * Nest's Kafka transport, extended where it falls short:
 * - every message is validated against its versioned contract before a handler sees it;
 * - a failing handler is retried with backoff, then the message goes to `<service>.dlq` with
 *   the error in its headers and the partition moves on (the stock transport rethrows, so
 *   kafkajs retries one poison message for ever and blocks its partition);
 * - except when the database is unreachable: that says nothing about the message, so the
 *   partition waits for the database (backoff capped at 5 s, heartbeats kept) without spending
 *   attempts, and nothing is dead-lettered during an outage. A consumer shutting down meanwhile
 *   leaves the message uncommitted, to be handled after the restart;
 * - partitions are consumed concurrently (`partitionsConsumedConcurrently`);
 * - the handler runs inside the event's correlation context, so its logs carry the id.
 * Handlers stay ordinary `@EventPattern(topic)` methods.
 */
export class ResilientKafkaServer extends ServerKafka {
  readonly stats: ConsumerStats = { skipped: 0, handled: 0, retried: 0, deadLettered: 0, waitedForDatabase: 0 };
  private readonly settings: ResilientKafkaOptions;
  private closing = false;

  constructor(settings: ResilientKafkaOptions) {
    super({
      client: settings.client,
      consumer: { groupId: settings.groupId, allowAutoTopicCreation: true, sessionTimeout: 30000, heartbeatInterval: 3000 },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: settings.concurrency, autoCommit: true },
      postfixId: '',
    });
    this.settings = settings;
  }

  get consumerGroupId(): string {
    return this.settings.groupId;
  }

  get deadLetterTopic(): string {
    return deadLetterTopic(this.settings.service);
  }

  /** Topics this consumer handles (its registered patterns). */
  subscribedTopics(): string[] {
    return [...this.messageHandlers.keys()];
  }

  /**
   * Our patterns are topic names, never JSON: skip Nest's `JSON.parse` attempt, which throws (and
   * builds a stack trace) for every message consumed.
   */
  override getRouteFromPattern(pattern: string): string {
    const first = pattern.charAt(0);
    return first === '{' || first === '[' || first === '"' ? super.getRouteFromPattern(pattern) : this.normalizePattern(pattern);
  }

  /**
   * True once the consumer has joined its group and holds its partitions (or when it has nothing
   * to consume); false again while it is stopped or crashed. Readiness waits for it.
   */
  get joined(): boolean {
    return this.messageHandlers.size === 0 ? this.started : this.groupJoined;
  }

  private started = false;
  private groupJoined = false;

  override async bindEvents(consumer: Consumer): Promise<void> {
    this.started = true;
    // kafkajs cannot run a consumer with no subscription; a service may have no handlers yet.
    if (this.messageHandlers.size === 0) return;
    consumer.on(consumer.events.GROUP_JOIN, () => (this.groupJoined = true));
    consumer.on(consumer.events.CRASH, () => (this.groupJoined = false));
    consumer.on(consumer.events.STOP, () => (this.groupJoined = false));
    consumer.on(consumer.events.DISCONNECT, () => (this.groupJoined = false));
    await super.bindEvents(consumer);
  }

  override async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, message } = payload;
    if (this.settings.skipBefore && Number(message.timestamp) < this.settings.skipBefore.getTime()) {
      this.stats.skipped += 1;
      return;
    }
    const value = decodeJson(message.value);
    const parsed = parseIncomingEvent(topic, value);
    if (!parsed.ok) {
      await this.deadLetter(payload, parsed.code, parsed.message, 0);
      return;
    }
    const envelope: EventEnvelope = parsed.envelope;
    const context = { correlationId: normaliseCorrelationId(envelope.correlationId), causationId: envelope.id };
    let attempt = 0;
    let databaseWaits = 0;
    let lastError: unknown;
    while (attempt < this.settings.maxAttempts) {
      attempt += 1;
      try {
        await RequestContext.run(context, () => super.handleMessage(payload));
        this.stats.handled += 1;
        return;
      } catch (err) {
        lastError = err;
        if (err instanceof DomainError && PERMANENT_KINDS.has(err.kind)) break;
        if (databaseIsAway(err)) {
          // Not this message's fault: leave it uncommitted when stopping, else wait without spending an attempt.
          if (this.closing) throw err;
          attempt -= 1;
          databaseWaits += 1;
          this.stats.waitedForDatabase += 1;
          if (databaseWaits === 1 || databaseWaits % DATABASE_WAIT_LOG_EVERY === 0) {
            RequestContext.run(context, () =>
              this.logger.warn({
                msg: 'database unreachable; the event waits for it',
                topic,
                eventId: envelope.id,
                waits: databaseWaits,
                error: errorMessage(err),
              }),
            );
          }
          await this.pause(payload, databaseWaits);
          continue;
        }
        if (attempt < this.settings.maxAttempts) {
          this.stats.retried += 1;
          RequestContext.run(context, () =>
            this.logger.warn({ msg: 'event handler failed, retrying', topic, eventId: envelope.id, attempt, error: errorMessage(err) }),
          );
          await this.pause(payload, attempt);
        }
      }
    }
    const code = lastError instanceof DomainError ? lastError.code : 'EVENT.HANDLER_FAILED';
    await RequestContext.run(context, () => this.deadLetter(payload, code, errorMessage(lastError), attempt));
  }

  /** Back off before retry number `n` (doubling from the base, capped at 5 s), keeping the group membership alive. */
  private async pause(payload: EachMessagePayload, n: number): Promise<void> {
    await sleep(Math.min(5000, (this.settings.retryBackoffMs ?? 200) * 2 ** Math.min(n - 1, 16)));
    await payload.heartbeat();
  }

  override async close(): Promise<void> {
    this.closing = true;
    await super.close();
  }

  /** Move a message to the dead-letter topic. If that fails, throw: kafkajs retries, nothing is lost. */
  private async deadLetter(payload: EachMessagePayload, code: string, reason: string, attempts: number): Promise<void> {
    const { topic, partition, message } = payload;
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      [DeadLetterHeaders.originalTopic]: topic,
      [DeadLetterHeaders.originalPartition]: String(partition),
      [DeadLetterHeaders.originalOffset]: message.offset,
      [DeadLetterHeaders.consumerGroup]: this.settings.groupId,
      [DeadLetterHeaders.errorCode]: code,
      [DeadLetterHeaders.errorMessage]: reason.slice(0, 1000),
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    if (!this.producer) throw new Error('Kafka producer not connected; cannot dead-letter');
    await this.producer.send({
      topic: this.deadLetterTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.stats.deadLettered += 1;
    this.logger.warn({ msg: 'event dead-lettered', topic, partition, offset: message.offset, code, reason: reason.slice(0, 300) });
  }
}

/** The handler failed because the database cannot be reached (a driver error, or its 503 refusal). */
function databaseIsAway(err: unknown): boolean {
  return isDatabaseUnavailable(err) || (err instanceof DomainError && err.code === DATABASE_UNAVAILABLE);
}

function decodeJson(value: Buffer | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err) return String(err.message);
  return String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
