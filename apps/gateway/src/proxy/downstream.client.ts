import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ACTOR_HEADER, DomainError, encodeActor, INTERNAL_TOKEN_HEADER, RequestContext, type Actor, type InstancePool } from '@app/common';
import { EventHeaders } from '@app/contracts';
import { GatewayEnv } from '../config/gateway.env';
import { downstreamPools, type DownstreamService } from '../downstream/downstream-services';
import { GatewayMetrics } from '../metrics/gateway-metrics';

export interface DownstreamRequest {
  service: DownstreamService;
  method: string;
  /** Path and query, forwarded unchanged (`/v1/members/m1?x=1`). */
  pathAndQuery: string;
  actor: Actor | null;
  body?: unknown;
  /** Client headers worth passing on (already filtered). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  retries?: number;
}

/** A downstream answer's headers (names are case-insensitive). */
export interface ResponseHeaders {
  get(name: string): string | null;
  /** Every header name of the answer, lower case. */
  names(): string[];
}

export interface DownstreamResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
}

function headerView(raw: IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name: string): string | null {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    names: () => Object.keys(raw),
  };
}

const IDLE_SOCKET_MS = 30_000;

class DownstreamTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/** Client headers passed to services; everything else (x-actor, x-internal-token, cookies...) is dropped. */
export const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'idempotency-key', 'if-match', 'if-none-match', 'x-access-reason'] as const;

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * Calls a service as the gateway: internal token, the authenticated actor, the correlation id.
 * Timeouts always; retries only for safe methods. Calls are spread over the service's ready
 * instances; one that refuses the connection leaves the rotation and the call goes to the next
 * (any method: it never reached the refusing one). A service that cannot be reached becomes a 503
 * problem naming it (GATEWAY.SERVICE_UNAVAILABLE).
 */
@Injectable()
export class DownstreamClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DownstreamClient.name);
  private readonly pools: Record<DownstreamService, InstancePool>;
  // Plain node:http with kept-alive connections: every POS sale passes here, and fetch's
  // WHATWG machinery (Request, Headers, AbortSignal, streams) cost more CPU than the forwarding.
  // Idle connections are dropped after 30 s, before the services' servers drop them (65 s,
  // KEEP_ALIVE_MS): otherwise a service closing an idle connection as the gateway reuses it fails
  // that call (a POST is not retried: the service may have received it).
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 512, timeout: IDLE_SOCKET_MS });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 512, timeout: IDLE_SOCKET_MS });

  constructor(
    private readonly env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
  ) {
    this.pools = downstreamPools(env);
  }

  onModuleInit(): void {
    Object.values(this.pools).forEach((pool) => pool.start());
  }

  onModuleDestroy(): void {
    Object.values(this.pools).forEach((pool) => pool.stop());
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** A service's instances and whether each is in the rotation. */
  instances(service: DownstreamService): Array<{ url: string; ready: boolean }> {
    return this.pools[service].states();
  }

  async call(req: DownstreamRequest): Promise<DownstreamResponse> {
    const method = req.method.toUpperCase();
    const safe = method === 'GET' || method === 'HEAD';
    const attempts = 1 + (safe ? (req.retries ?? this.env.DOWNSTREAM_GET_RETRIES) : 0);
    const timeoutMs = req.timeoutMs ?? this.env.DOWNSTREAM_TIMEOUT_MS;
    const pool = this.pools[req.service];
    const headers: Record<string, string> = {
      ...(req.headers ?? {}),
      [INTERNAL_TOKEN_HEADER]: this.env.INTERNAL_TOKEN,
      [EventHeaders.correlationId]: RequestContext.correlationId() ?? '',
      accept: req.headers?.accept ?? 'application/json',
    };
    if (req.actor) headers[ACTOR_HEADER] = encodeActor(req.actor);
    const hasBody = req.body !== undefined && method !== 'GET' && method !== 'HEAD';
    if (hasBody) headers['content-type'] = 'application/json';
    const body = hasBody ? JSON.stringify(req.body) : undefined;

    let reason = 'unreachable';
    // Instances that refused the connection: the request never reached them, so even a POST may
    // go to another instance without counting as an attempt.
    const refused = new Set<string>();
    for (let attempt = 1; attempt <= attempts;) {
      const base = pool.pick(refused);
      if (base === undefined) break;
      const started = process.hrtime.bigint();
      try {
        const res = await this.send(new URL(req.pathAndQuery, `${base}/`), method, headers, body, timeoutMs);
        this.metrics.downstreamCall(req.service, String(res.status), Number(process.hrtime.bigint() - started) / 1e9);
        if (RETRYABLE_STATUS.has(res.status) && attempt < attempts) {
          reason = `answered ${res.status}`;
          attempt += 1;
          continue;
        }
        return res;
      } catch (err) {
        const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        reason = timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable';
        this.metrics.downstreamCall(req.service, timedOut ? 'timeout' : 'error', Number(process.hrtime.bigint() - started) / 1e9);
        this.logger.warn({ msg: 'downstream call failed', downstream: req.service, method, attempt, reason });
        if (isConnectionRefused(err)) {
          pool.markDown(base);
          refused.add(base);
          continue;
        }
        attempt += 1;
      }
    }
    this.metrics.downstreamUnavailable(req.service);
    throw serviceUnavailable(req.service, reason);
  }

  /** One exchange, whole answer read, within `timeoutMs` from start to end. */
  private send(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<DownstreamResponse> {
    const https = url.protocol === 'https:';
    const withLength = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    return new Promise<DownstreamResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | null, answer?: DownstreamResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(answer!);
      };
      const options = { method, headers: withLength, agent: https ? this.httpsAgent : this.httpAgent };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => finish(null, { status: res.statusCode ?? 502, headers: headerView(res.headers), body: Buffer.concat(chunks) }));
        res.on('error', (err) => finish(err));
        res.on('aborted', () => finish(new Error('downstream closed the answer early')));
      };
      const request = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      const timer = setTimeout(() => {
        const timeout = new DownstreamTimeout(`no answer within ${timeoutMs} ms`);
        request.destroy(timeout);
        finish(timeout);
      }, timeoutMs);
      request.on('error', (err) => finish(err));
      request.end(body);
    });
  }
}

/** Nothing was sent: the instance is not listening (stopped, killed, restarting) or its name does not resolve (not deployed). */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
function isConnectionRefused(err: unknown): boolean {
  return typeof err === 'object' && err !== null && NOTHING_SENT.has(String((err as { code?: unknown }).code));
}

export function serviceUnavailable(service: string, reason: string): DomainError {
  return new DomainError('GATEWAY.SERVICE_UNAVAILABLE', 'unavailable', `The ${service} service is unavailable (${reason}); try again later`, { service });
}
