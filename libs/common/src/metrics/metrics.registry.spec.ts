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
    expect(text).toContain('latency_seconds_bucket{route="/v1/x",le="0.01"} 0');
    expect(text).toContain('latency_seconds_bucket{route="/v1/x",le="0.05"} 1');
    expect(text).toContain('latency_seconds_bucket{route="/v1/x",le="+Inf"} 1');
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
});
