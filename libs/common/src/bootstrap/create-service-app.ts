import { NestFactory } from '@nestjs/core';
import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { deadLetterTopic } from '@app/contracts';
import { knownEventTopics } from '../kafka/incoming-event';
import type { BaseEnv } from '../config/base.env';
import { JsonLogger } from '../logging/json-logger';
import { correlationMiddleware } from '../http/correlation.middleware';
import { createValidationPipe } from '../errors/validation';
import { ProblemFilter } from '../errors/problem.filter';
import { ResilientKafkaServer } from '../kafka/resilient-kafka.server';
import { KafkaClient, kafkaClientConfig } from '../kafka/kafka.client';
import { ensureTopics } from '../kafka/topics';
import { ConsumerHolder } from '../metrics/consumer-holder';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { overloadMiddleware } from '../http/overload.middleware';
import { internalAuthMiddleware } from '../auth/internal-auth.middleware';

export interface ServiceAppOptions {
  service: string;
  env: BaseEnv;
  openApi: { title: string; description: string };
  /** Services accept only calls from the gateway (internal token); the gateway sets false. */
  internalOnly?: boolean;
  /** Partitions for topics this service creates. */
  partitions?: number;
}

/** Idle keep-alive timeout of every service's HTTP server (Node's default is 5 s). */
export const KEEP_ALIVE_MS = 65_000;

export interface ServiceApp {
  app: INestApplication;
  consumer: ResilientKafkaServer;
  openApi: OpenAPIObject;
}

/**
 * Build one hybrid service: HTTP (JSON logs, correlation id, validation, problem+json errors,
 * OpenAPI at /docs and /docs-json) plus the Kafka consumer, sharing pipes and filters
 * (`inheritAppConfig`). The caller starts it (see runService, or a test).
 */
export async function createServiceApp(module: unknown, options: ServiceAppOptions): Promise<ServiceApp> {
  const { env, service } = options;
  const logger = new JsonLogger(service, env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(module as never, { logger, bodyParser: false });
  app.use(correlationMiddleware);
  const metrics = app.get(MetricsRegistry);
  app.use(httpMetricsMiddleware(metrics));
  const overload = overloadMiddleware({
    maxInFlight: env.HTTP_MAX_IN_FLIGHT,
    retryAfterSeconds: env.HTTP_RETRY_AFTER_SECONDS,
    onShed: () => metrics.inc('http_requests_shed_total', 'Requests refused with 503 PLATFORM.OVERLOADED (in-flight bound reached)'),
  });
  metrics.gauge('http_requests_in_flight', 'HTTP requests being handled by this instance', () => [{ value: overload.inFlight() }]);
  app.use(overload);
  if (options.internalOnly !== false) app.use(internalAuthMiddleware(env.INTERNAL_TOKEN));
  app.useBodyParser('json', { limit: env.HTTP_BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(env.HTTP_RETRY_AFTER_SECONDS));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // Idle keep-alive connections live longer here than in the callers' pools (the gateway, load
  // balancers): a server closing an idle connection just as a caller reuses it fails that call.
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.openApi.title).setDescription(options.openApi.description).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });

  const kafka = app.get(KafkaClient);
  const topics = [...knownEventTopics(), deadLetterTopic(service)];
  await ensureTopics(await kafka.admin(), topics, options.partitions ?? 3);

  const consumer = new ResilientKafkaServer({
    service,
    groupId: `${env.KAFKA_GROUP_PREFIX}${service}`,
    maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
    concurrency: env.CONSUMER_CONCURRENCY,
    // A small margin: the broker stamps messages with its own clock (same host here).
    skipBefore: env.CONSUMER_REPLAY_FROM === 'start' ? new Date(Date.now() - 1000) : undefined,
    client: kafkaClientConfig(`${service}-consumer`, env.KAFKA_BROKERS),
  });
  app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
  app.get(ConsumerHolder).consumer = consumer;
  return { app, consumer, openApi };
}

/**
 * main.ts of every service: build (which validates the environment first), start consuming,
 * listen. Any failure at start-up prints one JSON line naming the cause and exits 1.
 */
export async function runService(build: () => Promise<ServiceApp & { port: number }>): Promise<void> {
  try {
    const { app, port } = await build();
    await app.startAllMicroservices();
    await app.listen(port, '0.0.0.0');
    new Logger('bootstrap').log({ msg: 'service started', port });
  } catch (err) {
    const line = { level: 'error', time: new Date().toISOString(), msg: 'service failed to start', error: err instanceof Error ? err.message : String(err) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  }
}
