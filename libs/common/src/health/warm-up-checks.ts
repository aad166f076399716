import type { Connection } from 'mongoose';
import type { KafkaClient } from '../kafka/kafka.client';
import type { ConsumerHolder } from '../metrics/consumer-holder';
import type { ReadinessCheck } from './readiness';

/**
 * The consumer has joined its group (partitions assigned). Before that, events this instance's
 * requests depend on (projections, caches fed by events) are not being applied.
 */
export function consumerJoinedCheck(holder: ConsumerHolder): ReadinessCheck {
  return {
    name: 'consumer',
    check() {
      const consumer = holder.consumer;
      if (consumer && !consumer.joined) return Promise.reject(new Error('consumer has not joined its group yet'));
      return Promise.resolve();
    },
  };
}

/**
 * The first request must not pay for cold start: every model's indexes exist (uniqueness is how
 * duplicates are refused) and the Kafka producer is connected (the outbox relay publishes at once).
 * Both are cached promises: after the first success this check costs nothing.
 */
export function warmUpCheck(connection: Connection, kafka: KafkaClient): ReadinessCheck {
  return {
    name: 'warm-up',
    async check() {
      await Promise.all(Object.values(connection.models).map((model) => model.init()));
      await kafka.producer();
    },
  };
}
