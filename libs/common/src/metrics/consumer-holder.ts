import { Injectable } from '@nestjs/common';
import type { ResilientKafkaServer } from '../kafka/resilient-kafka.server';

/** The service's Kafka consumer, once created (for shutdown ordering and metrics). */
@Injectable()
export class ConsumerHolder {
  consumer: ResilientKafkaServer | null = null;
}
