import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@app/common';

/**
 * Gateway metrics on the platform registry (served at /metrics with the platform's own). The
 * platform counts HTTP requests by Nest route; proxied requests never reach a Nest route, so the
 * gateway counts every /v1 request by ROUTE-TABLE pattern (never raw paths: bounded cardinality).
 */
@Injectable()
export class GatewayMetrics {
  constructor(private readonly registry: MetricsRegistry) {}

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.registry.inc('gateway_requests_total', 'Requests answered by the gateway, by route-table pattern and status', {
      method,
      route,
      status: String(status),
    });
    this.registry.observe('gateway_request_duration_seconds', 'Time for the gateway to answer, by route-table pattern', seconds, { method, route });
  }

  rateLimitRejected(limit: string): void {
    this.registry.inc('gateway_rate_limited_total', 'Requests refused by a rate limit, by limit (ip, auth_ip, api_key, subject)', { limit });
  }

  /** One attempt at a service call: outcome is the HTTP status, `timeout` or `error`. */
  downstreamCall(service: string, outcome: string, seconds: number): void {
    this.registry.observe('gateway_downstream_duration_seconds', 'Time of one call to a service, by service and outcome', seconds, { service, outcome });
  }

  downstreamUnavailable(service: string): void {
    this.registry.inc('gateway_downstream_unavailable_total', 'Calls answered GATEWAY.SERVICE_UNAVAILABLE, by service', { service });
  }
}
