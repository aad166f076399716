import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '../outbox/outbox.relay';
import type { ResilientKafkaServer } from '../kafka/resilient-kafka.server';

/**
 * Shutdown in the order that loses nothing: stop consuming (in-flight handlers finish and
 * their offsets commit), then flush the outbox, then Nest closes HTTP and the connections.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);
  private consumer: ResilientKafkaServer | null = null;

  constructor(private readonly relay: OutboxRelay) {}

  attachConsumer(consumer: ResilientKafkaServer): void {
    this.consumer = consumer;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ msg: 'shutting down', signal });
    await this.consumer?.close();
    await this.relay.stop();
  }
}
