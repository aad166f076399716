import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import mongoose, { type Connection } from 'mongoose';
import { BaseEnv } from '../config/base.env';
import { Clock, SystemClock } from '../clock/clock';
import { EventPublisher } from '../kafka/event-publisher';
import { KafkaClient } from '../kafka/kafka.client';
import { EventFactory } from '../outbox/event-factory';
import { OutboxRelay } from '../outbox/outbox.relay';
import { IdempotentConsumer } from '../idempotency/idempotent-consumer';
import { PROCESSED_EVENT_MODEL, ProcessedEventSchema } from '../idempotency/processed-event.schema';
import { HealthController } from '../health/health.controller';
import { kafkaCheck, mongoCheck } from '../health/infra-checks';
import type { ReadinessCheck } from '../health/readiness';
import { consumerJoinedCheck, warmUpCheck } from '../health/warm-up-checks';
import { OUTBOX_RELAY_ENABLED, READINESS_CHECKS, SERVICE_NAME } from './tokens';
import { assertTestDatabase } from './test-database-guard';
import { GracefulShutdown } from '../bootstrap/graceful-shutdown';
import { ConsumerHolder } from '../metrics/consumer-holder';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { MetricsController } from '../metrics/metrics.controller';

export interface PlatformOptions {
  service: string;
  env: BaseEnv;
  /** Extra readiness checks (the gateway adds the services it routes to). */
  readinessChecks?: Provider<ReadinessCheck[]>;
  /** Tests switch the relay off to simulate a publisher that died before publishing. */
  outboxRelay?: boolean;
  /** Replace the system clock (tests). */
  clock?: Clock;
}

/**
 * What every service needs and no business rule: validated config, clock, MongoDB, Kafka
 * producer, outbox relay, idempotent consumption, health. Imported once by each app module.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { env, service } = options;
    // Mongoose otherwise captures a stack trace on every query (only to report a query run
    // twice, which our repositories never do): measurable CPU on the till's hot path.
    mongoose.set('skipOriginalStackTraces', true);
    assertTestDatabase(env);
    const extraChecks: Provider = options.readinessChecks ?? { provide: 'EXTRA_READINESS_CHECKS', useValue: [] };
    const extraToken = 'provide' in extraChecks ? extraChecks.provide : 'EXTRA_READINESS_CHECKS';
    return {
      module: PlatformModule,
      imports: [
        MongooseModule.forRoot(env.MONGO_URL, {
          serverSelectionTimeoutMS: 5000,
          autoIndex: true,
          // Indexes must exist before traffic: uniqueness is how we stop duplicates.
          autoCreate: true,
          // Diagnostics: emit driver command events (count database round trips per request).
          monitorCommands: process.env.MONGO_MONITOR_COMMANDS === '1',
        }),
        MongooseModule.forFeature([{ name: PROCESSED_EVENT_MODEL, schema: ProcessedEventSchema }]),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: BaseEnv, useValue: env },
        { provide: env.constructor, useValue: env },
        options.clock ? { provide: Clock, useValue: options.clock } : { provide: Clock, useClass: SystemClock },
        { provide: OUTBOX_RELAY_ENABLED, useValue: options.outboxRelay ?? true },
        extraChecks,
        {
          provide: READINESS_CHECKS,
          inject: [getConnectionToken(), KafkaClient, ConsumerHolder, extraToken],
          useFactory: (connection: Connection, kafka: KafkaClient, holder: ConsumerHolder, extra: ReadinessCheck[]) => [
            mongoCheck(connection),
            kafkaCheck(kafka),
            consumerJoinedCheck(holder),
            warmUpCheck(connection, kafka),
            ...extra,
          ],
        },
        KafkaClient,
        EventPublisher,
        EventFactory,
        OutboxRelay,
        IdempotentConsumer,
        GracefulShutdown,
        ConsumerHolder,
        MetricsRegistry,
        PlatformMetrics,
      ],
      exports: [
        MetricsRegistry,
        ConsumerHolder,
        SERVICE_NAME,
        BaseEnv,
        env.constructor,
        Clock,
        KafkaClient,
        EventPublisher,
        EventFactory,
        OutboxRelay,
        IdempotentConsumer,
        READINESS_CHECKS,
      ],
    };
  }
}
