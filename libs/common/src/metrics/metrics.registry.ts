import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;
export interface Sample {
  labels?: Labels;
  value: number;
}

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type AnyMetric = Counter<string> | Histogram<string> | Gauge<string>;

/** Labels in name order, so a series prints the same whatever order the caller wrote them in. */
function sorted(labels: Labels = {}): Labels {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

/**
 * The service's Prometheus registry, on `prom-client`: counters, histograms and gauges collected
 * at scrape time, plus the standard Node.js process metrics (event-loop lag, GC, heap, handles,
 * CPU, file descriptors) under their usual names (`process_*`, `nodejs_*`).
 *
 * One registry per application instance (not prom-client's global one), so several services or
 * test apps in one process do not collide. A metric's label names are fixed by its first use;
 * labels print in name order, except a histogram bucket's `le`, which prom-client prints first.
 * Label values must have low cardinality (route patterns, not paths; never ids or personal data).
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly metrics = new Map<string, AnyMetric>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  inc(name: string, help: string, labels?: Labels, by = 1): void {
    const ordered = sorted(labels);
    const counter = this.getOrCreate(name, 'counter', () => new Counter({ name, help, labelNames: Object.keys(ordered), registers: [this.registry] }));
    counter.inc(ordered, by);
  }

  observe(name: string, help: string, value: number, labels?: Labels, buckets = DEFAULT_BUCKETS): void {
    const ordered = sorted(labels);
    const histogram = this.getOrCreate(
      name,
      'histogram',
      () => new Histogram({ name, help, buckets, labelNames: Object.keys(ordered), registers: [this.registry] }),
    );
    histogram.observe(ordered, value);
  }

  /**
   * A gauge read at scrape time. `labelNames` lists the labels its samples carry (none by
   * default). A collect function that throws yields no samples rather than failing the scrape.
   */
  gauge(name: string, help: string, collect: () => Promise<Sample[]> | Sample[], labelNames: string[] = []): void {
    this.registry.removeSingleMetric(name);
    const gauge: Gauge<string> = new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        gauge.reset();
        let samples: Sample[] = [];
        try {
          samples = await collect();
        } catch {
          samples = [];
        }
        for (const s of samples) gauge.set(sorted(s.labels), s.value);
      },
    });
    this.metrics.set(name, gauge);
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private getOrCreate<M extends AnyMetric>(name: string, kind: 'counter' | 'histogram', create: () => M): M {
    const existing = this.metrics.get(name);
    if (existing) {
      const isKind = kind === 'counter' ? existing instanceof Counter : existing instanceof Histogram;
      if (!isKind) throw new Error(`metric ${name} is not a ${kind}`);
      return existing as M;
    }
    const created = create();
    this.metrics.set(name, created);
    return created;
  }
}
