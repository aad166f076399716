import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import { BaseEnv } from '../config/base.env';
import { SERVICE_NAME } from '../platform/tokens';
import { kafkaLogCreator } from './kafka-log';

/** kafkajs settings shared by the producer side and the Nest consumer (ResilientKafkaServer). */
export function kafkaClientConfig(service: string, brokers: string) {
  return {
    clientId: service,
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator: () => kafkaLogCreator(),
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
    connectionTimeout: 3000,
  };
}

/**
 * One kafkajs client per process: an idempotent producer (acks=all, one request in flight so
 * retries cannot reorder) and an admin for topic setup and readiness.
 */
@Injectable()
export class KafkaClient implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private producerReady: Promise<Producer> | null = null;
  private adminReady: Promise<Admin> | null = null;

  constructor(@Inject(SERVICE_NAME) service: string, env: BaseEnv) {
    this.kafka = new Kafka(kafkaClientConfig(service, env.KAFKA_BROKERS));
  }

  producer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((err: unknown) => {
      this.producerReady = null;
      throw err;
    });
    return this.producerReady;
  }

  admin(): Promise<Admin> {
    this.adminReady ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((err: unknown) => {
      this.adminReady = null;
      throw err;
    });
    return this.adminReady;
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = this.producerReady;
    const admin = this.adminReady;
    this.producerReady = null;
    this.adminReady = null;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())]);
  }
}
