import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeActor, INTERNAL_TOKEN_HEADER, type Actor } from '@app/common';

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  actor: Actor | null;
  body: unknown;
}

export type StubMode = 'ok' | 'slow' | 'reset' | 'error';

type Handler = (req: StubRequest) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

/**
 * A stand-in for another service's HTTP API (for routes whose service is being written in
 * parallel). Like a real service it refuses calls without the internal token; it records what it
 * received so a test can see what the gateway forwarded — or that it forwarded nothing.
 */
export class DownstreamStub {
  readonly received: StubRequest[] = [];
  mode: StubMode = 'ok';
  /** What /health/ready says (a starting or draining instance answers 503). */
  ready = true;
  slowMs = 3000;
  private handlers: Handler[] = [];
  private server: Server | null = null;
  url = '';

  constructor(
    readonly name: string,
    private readonly internalToken: string,
    private readonly openApi: Record<string, unknown> | null = null,
  ) {}

  /** Answer matching requests specially (the latest handler returning a value wins). */
  on(handler: Handler): this {
    this.handlers.unshift(handler);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  forwardedTo(pathPrefix: string): StubRequest[] {
    return this.received.filter((r) => r.url.startsWith(pathPrefix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    if (url === '/health/ready' && !this.ready) return json(res, 503, { status: 'not_ready' });
    if (url === '/health/ready' || url === '/health') return json(res, 200, { status: 'ready' });
    if (url === '/docs-json') return this.openApi ? json(res, 200, this.openApi) : json(res, 404, {});
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep raw */
    }
    const request: StubRequest = {
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      actor: decodeActor(req.headers['x-actor'] as string | undefined),
      body,
    };
    this.received.push(request);
    if (req.headers[INTERNAL_TOKEN_HEADER] !== this.internalToken) return json(res, 403, { code: 'AUTH.INTERNAL_ONLY' }, 'application/problem+json');
    if (this.mode === 'reset') return void req.socket.destroy();
    if (this.mode === 'error') return json(res, 503, { code: 'DEPENDENCY.DOWN' }, 'application/problem+json');
    if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.slowMs).unref());
    for (const h of this.handlers) {
      const answer = h(request);
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        return void res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      }
    }
    json(res, 200, { service: this.name, method: request.method, url, actor: request.actor, body });
  }
}

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}
