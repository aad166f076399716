import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { KafkaClient } from '../kafka/kafka.client';
import { OutboxRelay } from '../outbox/outbox.relay';
import { ConsumerHolder } from './consumer-holder';
import { MetricsRegistry, type Sample } from './metrics.registry';

const LAG_CACHE_MS = 5000;

/** Registers the gauges every service exposes: outbox backlog, consumer outcomes and lag. */
@Injectable()
export class PlatformMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly relay: OutboxRelay,
    private readonly holder: ConsumerHolder,
    private readonly kafka: KafkaClient,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.gauge('outbox_backlog', 'Documents with events not yet published', async () => [{ value: await this.relay.backlog() }]);
    this.registry.gauge('outbox_published_total', 'Events published by the outbox relay since start', () => [{ value: this.relay.published }]);
    this.registry.gauge(
      'consumer_messages_total',
      'Consumed messages by outcome since start',
      () => {
        const stats = this.holder.consumer?.stats;
        if (!stats) return [];
        return [
          { labels: { outcome: 'skipped' }, value: stats.skipped },
          { labels: { outcome: 'handled' }, value: stats.handled },
          { labels: { outcome: 'retried' }, value: stats.retried },
          { labels: { outcome: 'dead_lettered' }, value: stats.deadLettered },
          { labels: { outcome: 'waited_for_database' }, value: stats.waitedForDatabase },
        ];
      },
      ['outcome'],
    );
    this.registry.gauge('kafka_consumer_lag', 'Messages not yet consumed, per topic and partition', () => this.cachedLag(), ['topic', 'partition']);
  }

  private lagCache: { at: number; samples: Promise<Sample[]> } | null = null;

  /**
   * The lag costs one broker round trip per subscribed topic: computed at most once per
   * LAG_CACHE_MS however often /metrics is scraped (the chaos run's scrapes of ten instances
   * every second added broker load that slowed recovery on a starved machine).
   */
  private cachedLag(): Promise<Sample[]> {
    const now = Date.now();
    if (!this.lagCache || now - this.lagCache.at >= LAG_CACHE_MS) {
      const samples = this.lag();
      this.lagCache = { at: now, samples };
      samples.catch(() => (this.lagCache = null));
    }
    return this.lagCache.samples;
  }

  private async lag(): Promise<Sample[]> {
    const consumer = this.holder.consumer;
    const topics = consumer?.subscribedTopics() ?? [];
    if (!consumer || topics.length === 0) return [];
    const admin = await this.kafka.admin();
    const committed = await admin.fetchOffsets({ groupId: consumer.consumerGroupId, topics });
    const samples: Sample[] = [];
    for (const t of committed) {
      const latest = await admin.fetchTopicOffsets(t.topic);
      for (const p of t.partitions) {
        const high = Number(latest.find((l) => l.partition === p.partition)?.high ?? 0);
        const done = Number(p.offset) < 0 ? 0 : Number(p.offset);
        samples.push({ labels: { topic: t.topic, partition: String(p.partition) }, value: Math.max(0, high - done) });
      }
    }
    return samples;
  }
}
