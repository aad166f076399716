import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { waitUntil } from './kafka-helpers';
import { buildService, type BaseEnv, type ResilientKafkaServer, type ServiceDescriptor, type ServiceModuleOptions } from '@app/common';

export interface RunningTestService {
  app: INestApplication;
  consumer: ResilientKafkaServer;
  url: string;
  connection: Connection;
  /** Close the app; drops its test database unless keepDatabase. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Start a real service (HTTP on a free port + Kafka consumer) against the test broker and a
 * fresh test database, exactly as main.ts would, minus process.exit.
 */
export async function startTestService<E extends BaseEnv>(
  descriptor: ServiceDescriptor<E>,
  env: E,
  options: ServiceModuleOptions & { consume?: boolean } = {},
): Promise<RunningTestService> {
  const { app, consumer } = await buildService(descriptor, env, options);
  if (options.consume !== false) {
    await app.startAllMicroservices();
    // Ready as in production (/health/ready): the consumer holds its partitions.
    await waitUntil(() => consumer.joined, 30000, `${descriptor.service} consumer to join its group`);
  }
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    consumer,
    url: `http://127.0.0.1:${address.port}`,
    connection,
    async close({ keepDatabase = false } = {}) {
      if (!keepDatabase) await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}
