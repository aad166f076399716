// Closed-loop HTTP load: `concurrency` workers each send one request at a time, for a fixed
// duration, over keep-alive connections. Latency is measured per request, client side.
import http from 'node:http';

/**
 * @param {{ url: string, durationMs: number, concurrency: number,
 *   next: (worker: number, i: number) => { method?: string, path: string, headers?: object, body?: string, tag?: string } }} o
 * @returns {Promise<{ count: number, byStatus: Record<string, number>, latencies: Float64Array, tags: Record<string, number[]>, elapsedMs: number, errors: number, responses: Array<{tag?: string, status: number, body: string}> }>}
 */
export async function closedLoop({ url, durationMs, concurrency, next, keepResponses = false }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const byStatus = {};
  const responses = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const once = (req) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const r = http.request(
        { host: target.hostname, port: target.port, method: req.method ?? 'POST', path: req.path, agent, headers: { 'content-type': 'application/json', ...(req.headers ?? {}) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - t0;
            latencies.push(ms);
            byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
            if (keepResponses) responses.push({ tag: req.tag, status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') });
            resolve();
          });
        },
      );
      r.on('error', () => {
        errors += 1;
        resolve();
      });
      r.end(req.body);
    });

  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) await once(next(w, i));
    }),
  );
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return { count: sorted.length, byStatus, latencies: sorted, elapsedMs: performance.now() - started, errors, responses };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

export function summarise(name, r) {
  return {
    name,
    requests: r.count,
    errors: r.errors,
    byStatus: r.byStatus,
    throughputPerSec: Math.round((r.count / r.elapsedMs) * 1000),
    p50ms: +percentile(r.latencies, 50).toFixed(2),
    p95ms: +percentile(r.latencies, 95).toFixed(2),
    p99ms: +percentile(r.latencies, 99).toFixed(2),
    maxMs: +(r.latencies[r.latencies.length - 1] ?? NaN).toFixed(2),
  };
}
