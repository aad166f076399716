import { MetricsRegistry } from './metrics.registry';

describe('MetricsRegistry', () => {
  it('renders counters, histograms and gauges in the Prometheus text format', async () => {
    const r = new MetricsRegistry();
    r.inc('http_requests_total', 'Requests', { method: 'GET', route: '/v1/x', status: '200' });
    r.inc('http_requests_total', 'Requests', { method: 'GET', route: '/v1/x', status: '200' });
    r.observe('latency_seconds', 'Latency', 0.03, { route: '/v1/x' }, [0.01, 0.05]);
    r.gauge('outbox_backlog', 'Backlog', () => [{ value: 7 }]);
    const text = await r.render();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('http_requests_total{method="GET",route="/v1/x",status="200"} 2');
    expect(text).toContain('latency_seconds_bucket{le="0.01",route="/v1/x"} 0');
    expect(text).toContain('latency_seconds_bucket{le="0.05",route="/v1/x"} 1');
    expect(text).toContain('latency_seconds_bucket{le="+Inf",route="/v1/x"} 1');
    expect(text).toContain('latency_seconds_count{route="/v1/x"} 1');
    expect(text).toContain('outbox_backlog 7');
  });

  it('escapes label values and survives a failing gauge', async () => {
    const r = new MetricsRegistry();
    r.inc('c', 'help', { v: 'a"b\\c' });
    r.gauge('g', 'help', () => {
      throw new Error('down');
    });
    const text = await r.render();
    expect(text).toContain('c{v="a\\"b\\\\c"} 1');
    expect(text).toContain('# TYPE g gauge');
  });

  it('gauges with labels report the samples of the latest scrape only', async () => {
    const r = new MetricsRegistry();
    let samples = [{ labels: { topic: 't', partition: '0' }, value: 3 }];
    r.gauge('lag', 'Lag', () => samples, ['topic', 'partition']);
    expect(await r.render()).toContain('lag{partition="0",topic="t"} 3');
    samples = [{ labels: { topic: 't', partition: '1' }, value: 1 }];
    const text = await r.render();
    expect(text).toContain('lag{partition="1",topic="t"} 1');
    expect(text).not.toContain('partition="0"');
  });

  it('exports the standard process metrics (event-loop lag, GC, heap, handles)', async () => {
    const text = await new MetricsRegistry().render();
    for (const name of [
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_active_handles_total',
      'nodejs_gc_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('refuses to reuse a counter name as a histogram', () => {
    const r = new MetricsRegistry();
    r.inc('x_total', 'X');
    expect(() => r.observe('x_total', 'X', 1)).toThrow('metric x_total is not a histogram');
  });
});
