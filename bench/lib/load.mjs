// HTTP load over keep-alive connections, latency measured per request on the client side:
// - closedLoop: `concurrency` workers each send one request at a time (measures capacity);
// - openLoop: requests start at a fixed rate whatever the answers (measures latency at a given
//   load; latency counts from the scheduled start, so a stalled server is not hidden by the
//   load generator waiting for it).
import http from 'node:http';

/** Shared request machinery and result bookkeeping of both modes. */
function recorder(url, maxSockets, keepResponses) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const latencies = [];
  const byStatus = {};
  const responses = [];
  const state = { errors: 0, inFlight: 0 };
  const send = (req, t0 = performance.now()) =>
    new Promise((resolve) => {
      state.inFlight += 1;
      const done = () => {
        state.inFlight -= 1;
        resolve();
      };
      const r = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method ?? 'POST',
          path: req.path,
          agent,
          headers: { 'content-type': 'application/json', ...(req.headers ?? {}) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
            if (keepResponses) responses.push({ tag: req.tag, status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') });
            done();
          });
        },
      );
      r.on('error', () => {
        state.errors += 1;
        done();
      });
      r.end(req.body);
    });
  const result = (started, extra = {}) => {
    agent.destroy();
    const sorted = Float64Array.from(latencies).sort();
    return { count: sorted.length, byStatus, latencies: sorted, elapsedMs: performance.now() - started, errors: state.errors, responses, ...extra };
  };
  return { send, result, state };
}

/**
 * @param {{ url: string, durationMs: number, concurrency: number,
 *   next: (worker: number, i: number) => { method?: string, path: string, headers?: object, body?: string, tag?: string } }} o
 * @returns {Promise<{ count: number, byStatus: Record<string, number>, latencies: Float64Array, elapsedMs: number, errors: number, responses: Array<{tag?: string, status: number, body: string}> }>}
 */
export async function closedLoop({ url, durationMs, concurrency, next, keepResponses = false }) {
  const rec = recorder(url, concurrency, keepResponses);
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) await rec.send(next(w, i));
    }),
  );
  return rec.result(started);
}

/**
 * Requests start every 1/ratePerSec s for durationMs (at most `maxInFlight` at once: beyond it a
 * start waits, and that wait counts in its latency). `next(worker)` gets a rotating worker number.
 */
export async function openLoop({ url, durationMs, ratePerSec, maxInFlight = 1024, workers = 16, next, keepResponses = false }) {
  const rec = recorder(url, maxInFlight, keepResponses);
  const started = performance.now();
  const total = Math.floor((durationMs / 1000) * ratePerSec);
  const interval = 1000 / ratePerSec;
  const pending = [];
  let late = 0;
  for (let k = 0; k < total; k++) {
    const due = started + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (rec.state.inFlight >= maxInFlight) await new Promise((r) => setTimeout(r, 1));
    if (performance.now() - due > 10) late += 1;
    pending.push(rec.send(next(k % workers, k), due));
  }
  await Promise.all(pending);
  return rec.result(started, { offeredPerSec: ratePerSec, startedLate: late });
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

export function summarise(name, r) {
  return {
    name,
    ...(r.offeredPerSec ? { offeredPerSec: r.offeredPerSec } : {}),
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
