import { Injectable, Logger, MethodNotAllowedException, UnsupportedMediaTypeException, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ACTOR_HEADER, DomainError, encodeActor, INTERNAL_TOKEN_HEADER, RequestContext, toProblem, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { AuthService } from '../auth/auth.service';
import { authorize } from '../routing/authorize';
import { RouteMatcher, type RouteMatch } from '../routing/route-table';
import { RateLimitedError, RateLimitService } from '../ratelimit/rate-limit.service';
import type { RateLimitResult } from '../ratelimit/rate-limiter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { applyCors, CONSOLE_CSP, setSecureHeaders } from '../http/secure-headers';
import { isConsolePath } from '../console/console-assets';
import { DownstreamClient, FORWARDED_REQUEST_HEADERS, type DownstreamResponse } from './downstream.client';

/**
 * Service response headers are passed back to the client (`idempotent-replayed`, `location`,
 * `retry-after`...) except these, dropped deliberately: hop-by-hop and framing headers (this
 * connection is not the service's), cookies (services set none; a session is the gateway's), and
 * the headers the gateway owns for every answer (CORS, security policy, rate limits). A header
 * the gateway has already set also wins over the service's.
 */
export const DROPPED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'trailer',
  'te',
  'proxy-authenticate',
  'proxy-connection',
  'date',
  'server',
  'x-powered-by',
  'set-cookie',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
  'vary',
  'strict-transport-security',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

/**
 * The only paths that skip the pipeline (exact, case-sensitive), besides the web console's static
 * files under /console (public files; the console calls the API like any other client). Everything else, including any
 * spelling Express would still route to a gateway controller (`/V1/stores`, `/v1/stores/`), is
 * matched against the route table and refused when absent: deny by default.
 */
const OUTSIDE_API = new Set(['/health', '/health/ready', '/metrics', '/docs/events']);

/** Request facts the gateway's own controllers can read (set on gateway-owned routes). */
export interface GatewayRequest extends Request {
  gatewayRoute?: RouteMatch;
}

/**
 * Every request goes through here, in this order: secure headers and CORS; strip any client
 * x-actor / x-internal-token; route table match; authenticate (API key or bearer token) and rate
 * limit (per caller, or per address when anonymous or failing); deny unknown routes; authorize
 * (role + scope); then either
 * hand over to the gateway's own controller (with the actor in x-actor) or forward to the
 * owning service and pass its answer through.
 */
@Injectable()
export class GatewayPipelineMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Gateway');
  private readonly matcher = new RouteMatcher();

  constructor(
    private readonly env: GatewayEnv,
    private readonly auth: AuthService,
    private readonly limits: RateLimitService,
    private readonly downstream: DownstreamClient,
    private readonly metrics: GatewayMetrics,
  ) {}

  use(req: GatewayRequest, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? '/';
    let routeLabel = 'unmatched';
    const consoleFile = isConsolePath(path);
    const api = !OUTSIDE_API.has(path) && !consoleFile;
    if (api) res.on('finish', () => this.metrics.observeRequest(req.method, routeLabel, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));

    setSecureHeaders(res, { hsts: this.env.NODE_ENV === 'production', noStore: api, ...(consoleFile ? { csp: CONSOLE_CSP } : {}) });
    delete req.headers[ACTOR_HEADER];
    delete req.headers[INTERNAL_TOKEN_HEADER];
    if (applyCors(req, res, this.env.CORS_ORIGINS)) return;
    if (!api) return next();

    void this.handle(req, res, next, path, (label) => (routeLabel = label)).catch((err: unknown) => this.fail(res, err, path));
  }

  private async handle(req: GatewayRequest, res: Response, next: NextFunction, path: string, label: (l: string) => void): Promise<void> {
    assertCanonicalPath(req.originalUrl);
    const found = this.matcher.match(req.method, path);
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const route = found.kind === 'matched' ? found.match.route : null;
    const credentials = route && route.roles !== 'public' ? AuthService.credentials(req.headers) : null;

    // Authenticated callers are limited per API key / subject (many tills may share one store
    // address); anonymous calls, sign-in endpoints and failed authentication per address.
    let limit: RateLimitResult;
    let actor: Actor | null = null;
    if (credentials) {
      try {
        actor = await this.auth.authenticate(credentials);
      } catch (err) {
        this.limits.address(ip, false);
        throw err;
      }
      limit = this.limits.caller(actor);
    } else {
      limit = this.limits.address(ip, route?.rateLimit === 'auth');
    }

    if (found.kind === 'not_found') throw new DomainError('REQUEST.NOT_FOUND', 'not_found', `No route ${req.method} ${path}`);
    if (found.kind === 'method_not_allowed') {
      res.setHeader('Allow', found.allowed.join(', '));
      throw new MethodNotAllowedException(`${req.method} is not allowed here; allowed: ${found.allowed.join(', ')}`);
    }
    const { params } = found.match;
    label(found.match.route.path);
    setRateLimitHeaders(res, limit);
    assertJsonBody(req, found.match.route.formBody === true);

    const decision = authorize(found.match.route, actor, { params, body: req.body });
    if (!decision.allow) throw decision.error;

    const owner = found.match.route.owner;
    if (owner === 'gateway') {
      if (actor) req.headers[ACTOR_HEADER] = encodeActor(actor);
      req.gatewayRoute = found.match;
      return next();
    }
    const query = req.originalUrl.slice(path.length);
    const answer = await this.downstream.call({
      service: owner,
      method: req.method,
      pathAndQuery: `${path}${query}`,
      actor,
      body: req.body,
      headers: pick(req, FORWARDED_REQUEST_HEADERS),
    });
    this.passThrough(res, answer);
  }

  private passThrough(res: Response, answer: DownstreamResponse): void {
    for (const name of answer.headers.names()) {
      if (DROPPED_RESPONSE_HEADERS.has(name) || res.hasHeader(name)) continue;
      const value = answer.headers.get(name);
      if (value !== null) res.setHeader(name, value);
    }
    res.status(answer.status);
    if (answer.body.length) res.end(answer.body);
    else res.end();
  }

  private fail(res: Response, err: unknown, path: string): void {
    const problem = toProblem(err, RequestContext.correlationId(), path);
    if (err instanceof RateLimitedError) {
      setRateLimitHeaders(res, err.result);
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.result.resetMs / 1000))));
    }
    if (problem.status >= 500 && !(err instanceof DomainError)) this.logger.error(err instanceof Error ? err : String(err), { path });
    if (res.headersSent) return;
    res.status(problem.status).type('application/problem+json').json(problem);
  }
}

function setRateLimitHeaders(res: Response, r: RateLimitResult): void {
  res.setHeader('RateLimit-Limit', String(r.limit));
  res.setHeader('RateLimit-Remaining', String(r.remaining));
  res.setHeader('RateLimit-Reset', String(Math.max(0, Math.ceil(r.resetMs / 1000))));
}

function pick(req: Request, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = req.header(name);
    if (typeof v === 'string' && v.length <= 1024) out[name] = v;
  }
  return out;
}

/**
 * Refuse paths a URL parser would rewrite (`..`, `.`, `//`, encoded slashes or backslashes): the
 * route checked must be the route forwarded.
 */
function assertCanonicalPath(originalUrl: string): void {
  const raw = originalUrl.split('?')[0] ?? '';
  const bad = /\/\.{1,2}(\/|$)|\/\/|\\|%2f|%5c|%2e/i.test(raw) || new URL(raw, 'http://gateway.invalid').pathname !== raw;
  if (bad) throw new DomainError('REQUEST.INVALID_PATH', 'invalid', 'The request path is not canonical');
}

/**
 * Bodies are JSON: anything else with content is refused before it reaches a service. A route
 * marked `formBody` also takes an HTML form (neither parsed nor forwarded).
 */
function assertJsonBody(req: Request, formAllowed: boolean): void {
  const length = Number(req.header('content-length') ?? 0);
  const chunked = req.header('transfer-encoding') !== undefined;
  if (formAllowed && req.is('application/x-www-form-urlencoded')) return;
  if ((length > 0 || chunked) && !req.is('application/json')) {
    throw new UnsupportedMediaTypeException('Request bodies must be application/json');
  }
}
