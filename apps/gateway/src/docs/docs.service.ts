import { Injectable, Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Clock, INTERNAL_TOKEN_HEADER } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { DOWNSTREAM_SERVICES, downstreamUrls, type DownstreamService } from '../downstream/downstream-services';
import { ROUTE_TABLE } from '../routing/route-table';
import { buildPublicDocument } from './public-openapi';

interface Cached {
  doc: OpenAPIObject | null;
  at: number;
}

export const PUBLIC_API_INFO = {
  title: 'Loyalty platform API',
  description:
    'The only public entry of the platform. POS terminals authenticate with a per-store API key (`x-api-key`); staff and customers with a bearer token. ' +
    'Each operation lists the roles allowed (`x-roles`) and its data scope (`x-scope`). Errors are application/problem+json with a stable `code`. ' +
    'Events: GET /docs/events (AsyncAPI).',
};

/**
 * Builds the public OpenAPI document: the route table plus each service's own /docs-json
 * (fetched on request, cached DOCS_CACHE_MS; a service that is down keeps its last good
 * document, or falls back to the route table's summaries).
 */
@Injectable()
export class DocsService {
  private readonly logger = new Logger(DocsService.name);
  private readonly cache = new Map<DownstreamService, Cached>();
  private gatewayDoc: (() => Promise<OpenAPIObject | null>) | null = null;

  constructor(
    private readonly env: GatewayEnv,
    private readonly clock: Clock,
  ) {}

  /** Where to read the gateway's own Nest document (set when the docs routes are mounted). */
  useGatewayDocument(source: () => Promise<OpenAPIObject | null>): void {
    this.gatewayDoc = source;
  }

  async publicDocument(): Promise<OpenAPIObject> {
    const [gateway, ...docs] = await Promise.all([this.gatewayDoc?.() ?? Promise.resolve(null), ...DOWNSTREAM_SERVICES.map((s) => this.serviceDocument(s))]);
    const services = Object.fromEntries(DOWNSTREAM_SERVICES.map((s, i) => [s, docs[i] ?? null]));
    return buildPublicDocument(ROUTE_TABLE, { gateway: gateway ?? null, services }, PUBLIC_API_INFO);
  }

  private async serviceDocument(service: DownstreamService): Promise<OpenAPIObject | null> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(service);
    if (cached?.doc && now - cached.at < this.env.DOCS_CACHE_MS) return cached.doc;
    try {
      const res = await fetch(new URL('/docs-json', downstreamUrls(this.env)[service]), {
        headers: { [INTERNAL_TOKEN_HEADER]: this.env.INTERNAL_TOKEN, accept: 'application/json' },
        signal: AbortSignal.timeout(1500),
      });
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      const doc = (await res.json()) as OpenAPIObject;
      this.cache.set(service, { doc, at: now });
      return doc;
    } catch (err) {
      this.logger.warn({ msg: 'service OpenAPI document unavailable', downstream: service, error: err instanceof Error ? err.message : String(err) });
      return cached?.doc ?? null;
    }
  }
}
