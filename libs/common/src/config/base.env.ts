import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/**
 * Variables every service reads. Each app extends this class with its own; the process
 * refuses to start when one is missing or bad, naming the variable (see validateEnv).
 */
export class BaseEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** HTTP port (0 = any free port, used by tests). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /** mongodb:// URL including the database name, e.g. mongodb://127.0.0.1:27017/loyalty_points */
  @Matches(/^mongodb(\+srv)?:\/\/[^/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'MONGO_URL must be a mongodb:// URL that names a database',
  })
  MONGO_URL!: string;

  /** Comma-separated host:port list. */
  @Matches(/^[A-Za-z0-9.-]+:\d+(,[A-Za-z0-9.-]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Prefix of Kafka consumer group ids (lets two stacks share one broker). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_GROUP_PREFIX = '';

  /**
   * Interval of the outbox relay's safety-net scan for pending events that no local write
   * hinted (crash leftovers, other instances). Local writes wake the relay at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600000)
  OUTBOX_SCAN_MS = 5000;

  /** Attempts before a failing event goes to the dead-letter topic. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS = 3;

  /**
   * Where a consumer group new to a topic starts: `beginning` replays the topic's history (a new
   * service builds its projections from it); `start` skips messages produced before this process
   * started (tests and benchmarks, whose topics hold other runs' events, and a deliberate re-deploy
   * that must not reprocess history). Skipped messages are committed, never handled.
   */
  @IsIn(['beginning', 'start'])
  CONSUMER_REPLAY_FROM: 'beginning' | 'start' = 'beginning';

  /** Partitions processed in parallel per consumer (kafkajs partitionsConsumedConcurrently). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  CONSUMER_CONCURRENCY = 3;

  /** Shared secret the gateway sends to services (x-internal-token); services refuse calls without it. */
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{16,256}$/, { message: 'INTERNAL_TOKEN must be 16-256 URL-safe characters' })
  INTERNAL_TOKEN!: string;

  /**
   * Requests one instance handles at once (health and metrics excepted); the next is answered 503
   * PLATFORM.OVERLOADED with Retry-After at once rather than queued into its caller's timeout.
   * Size it to (sales/s one instance serves x the queueing its callers accept): 64 is ~0.2 s of
   * queue for a points instance at 300 sales/s, far under the gateway's 5 s downstream timeout
   * (the chaos run found 256 let a starved instance queue into timeouts without ever shedding).
   * The gateway, which waits on the services, defaults to 256.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  HTTP_MAX_IN_FLIGHT = 64;

  /** Retry-After (seconds) of an overload refusal and of every 503 problem (database unreachable, a dependency down). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  HTTP_RETRY_AFTER_SECONDS = 1;

  /** Largest accepted HTTP body. */
  @IsString()
  @Matches(/^\d+(kb|mb)$/)
  HTTP_BODY_LIMIT = '1mb';
}
