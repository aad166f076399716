import type { KafkaClient } from '../kafka/kafka.client';
import type { OutboxRelay } from '../outbox/outbox.relay';
import type { ConsumerHolder } from './consumer-holder';
import { MetricsRegistry } from './metrics.registry';
import { PlatformMetrics } from './platform-metrics';

describe('PlatformMetrics', () => {
  it('asks the broker for the consumer lag at most once per 5 s however often /metrics is scraped', async () => {
    const calls = { fetchOffsets: 0, fetchTopicOffsets: 0 };
    const admin = {
      fetchOffsets: () => {
        calls.fetchOffsets += 1;
        return Promise.resolve([{ topic: 't.v1', partitions: [{ partition: 0, offset: '4' }] }]);
      },
      fetchTopicOffsets: () => {
        calls.fetchTopicOffsets += 1;
        return Promise.resolve([{ partition: 0, high: '10' }]);
      },
    };
    const holder = {
      consumer: {
        subscribedTopics: () => ['t.v1'],
        consumerGroupId: 'g',
        stats: { skipped: 0, handled: 0, retried: 0, deadLettered: 0, waitedForDatabase: 0 },
      },
    } as unknown as ConsumerHolder;
    const relay = { backlog: () => Promise.resolve(0), published: 0 } as unknown as OutboxRelay;
    const kafka = { admin: () => Promise.resolve(admin) } as unknown as KafkaClient;
    const registry = new MetricsRegistry();
    new PlatformMetrics(registry, relay, holder, kafka).onApplicationBootstrap();

    for (let i = 0; i < 5; i++) expect(await registry.render()).toContain('kafka_consumer_lag{partition="0",topic="t.v1"} 6');
    expect(calls).toEqual({ fetchOffsets: 1, fetchTopicOffsets: 1 });
  });
});
