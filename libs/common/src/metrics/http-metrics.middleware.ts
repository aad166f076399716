import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from './metrics.registry';

/** Count and time every HTTP request by method, matched route pattern and status. */
export function httpMetricsMiddleware(registry: MetricsRegistry) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const labels = { method: req.method, route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) };
      registry.inc('http_requests_total', 'HTTP requests by method, route pattern and status', labels);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      registry.observe('http_request_duration_seconds', 'HTTP request latency in seconds', seconds, { method: req.method, route: labels.route });
    });
    next();
  };
}
