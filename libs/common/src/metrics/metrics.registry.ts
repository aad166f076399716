import { Injectable } from '@nestjs/common';

type Labels = Record<string, string>;
export interface Sample {
  labels?: Labels;
  value: number;
}

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

function labelKey(labels: Labels = {}): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

interface CounterMetric {
  kind: 'counter';
  help: string;
  values: Map<string, number>;
}
interface HistogramMetric {
  kind: 'histogram';
  help: string;
  buckets: number[];
  series: Map<string, { counts: number[]; sum: number; count: number }>;
}
interface GaugeMetric {
  kind: 'gauge';
  help: string;
  collect: () => Promise<Sample[]> | Sample[];
}
type Metric = CounterMetric | HistogramMetric | GaugeMetric;

/**
 * A small Prometheus registry: counters, histograms and gauges collected at scrape time.
 * Label values must have low cardinality (route patterns, not paths; never ids or personal data).
 */
@Injectable()
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  inc(name: string, help: string, labels?: Labels, by = 1): void {
    let m = this.metrics.get(name);
    if (!m) {
      m = { kind: 'counter', help, values: new Map() };
      this.metrics.set(name, m);
    }
    if (m.kind !== 'counter') throw new Error(`metric ${name} is not a counter`);
    const key = labelKey(labels);
    m.values.set(key, (m.values.get(key) ?? 0) + by);
  }

  observe(name: string, help: string, value: number, labels?: Labels, buckets = DEFAULT_BUCKETS): void {
    let m = this.metrics.get(name);
    if (!m) {
      m = { kind: 'histogram', help, buckets, series: new Map() };
      this.metrics.set(name, m);
    }
    if (m.kind !== 'histogram') throw new Error(`metric ${name} is not a histogram`);
    const key = labelKey(labels);
    const s = m.series.get(key) ?? { counts: m.buckets.map(() => 0), sum: 0, count: 0 };
    m.buckets.forEach((b, i) => {
      if (value <= b) s.counts[i] += 1;
    });
    s.sum += value;
    s.count += 1;
    m.series.set(key, s);
  }

  gauge(name: string, help: string, collect: () => Promise<Sample[]> | Sample[]): void {
    this.metrics.set(name, { kind: 'gauge', help, collect });
  }

  /** Prometheus text exposition format 0.0.4. */
  async render(): Promise<string> {
    const out: string[] = [];
    for (const [name, m] of this.metrics) {
      out.push(`# HELP ${name} ${m.help}`, `# TYPE ${name} ${m.kind}`);
      if (m.kind === 'counter') {
        for (const [k, v] of m.values) out.push(`${name}${k ? `{${k}}` : ''} ${v}`);
      } else if (m.kind === 'histogram') {
        for (const [k, s] of m.series) {
          const sep = k ? `${k},` : '';
          m.buckets.forEach((b, i) => out.push(`${name}_bucket{${sep}le="${b}"} ${s.counts[i]}`));
          out.push(`${name}_bucket{${sep}le="+Inf"} ${s.count}`, `${name}_sum${k ? `{${k}}` : ''} ${s.sum}`, `${name}_count${k ? `{${k}}` : ''} ${s.count}`);
        }
      } else {
        let samples: Sample[] = [];
        try {
          samples = await m.collect();
        } catch {
          samples = [];
        }
        for (const s of samples) {
          const k = labelKey(s.labels);
          out.push(`${name}${k ? `{${k}}` : ''} ${s.value}`);
        }
      }
    }
    return out.join('\n') + '\n';
  }
}
