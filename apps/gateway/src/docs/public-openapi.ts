import { describeScope } from '@app/access';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { RouteOwner, RouteSpec } from '../routing/route-table';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export interface DocumentSources {
  /** The gateway's own Nest document (its controllers and DTOs). */
  gateway: OpenAPIObject | null;
  /** Each service's /docs-json, or null when it could not be fetched. */
  services: Partial<Record<RouteOwner, OpenAPIObject | null>>;
}

const PROBLEM_SCHEMA: JsonObject = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable `code` and the correlation id',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', example: 'AUTH.FORBIDDEN' },
    detail: { type: 'string' },
    correlationId: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const problem = (description: string): JsonObject => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The one public OpenAPI document: every route of the route table, with request and response
 * schemas taken from the owning service's own document when it answers, else the route table's
 * summary only (`x-documented-by: route-table`). Security, roles and scope come from the table.
 */
export function buildPublicDocument(routes: readonly RouteSpec[], sources: DocumentSources, info: { title: string; description: string }): OpenAPIObject {
  const schemas: JsonObject = { Problem: PROBLEM_SCHEMA };
  const renames = new Map<RouteOwner, Map<string, string>>();
  const paths: Record<string, JsonObject> = {};

  const sourceOf = (owner: RouteOwner): OpenAPIObject | null => (owner === 'gateway' ? sources.gateway : (sources.services[owner] ?? null));

  // Schemas: keep each service's names; on a clash with a different schema, prefix with the owner.
  for (const owner of new Set(routes.map((r) => r.owner))) {
    const doc = sourceOf(owner);
    const own = (doc?.components?.schemas ?? {}) as JsonObject;
    const map = new Map<string, string>();
    for (const [name, schema] of Object.entries(own)) {
      const clash = name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(schema);
      map.set(name, clash ? `${owner}_${name}` : name);
    }
    renames.set(owner, map);
    for (const [name, schema] of Object.entries(own)) schemas[map.get(name) ?? name] = rewriteRefs(schema, map);
  }

  // Services may name path parameters differently (`{id}` for `:memberId`): match by shape.
  const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
  const byShape = new Map<RouteOwner, Map<string, JsonObject>>();
  const operationOf = (owner: RouteOwner, key: string, method: string): JsonObject | undefined => {
    let index = byShape.get(owner);
    if (!index) {
      index = new Map(Object.entries((sourceOf(owner)?.paths ?? {}) as JsonObject).map(([p, item]) => [shape(p), item as JsonObject]));
      byShape.set(owner, index);
    }
    return index.get(shape(key))?.[method] as JsonObject | undefined;
  };

  for (const route of routes) {
    const key = openApiPath(route.path);
    const method = route.method.toLowerCase();
    const fromService = operationOf(route.owner, key, method);
    const base: JsonObject = fromService ? (rewriteRefs(fromService, renames.get(route.owner) ?? new Map()) as JsonObject) : {};
    const params = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    const serviceParams = Array.isArray(base.parameters) ? (base.parameters as JsonObject[]) : [];
    const servicePathParams = serviceParams.filter((p) => p.in === 'path');
    // Path parameters under the public names, keeping the service's schema and description by position.
    const declared = [
      ...params.map((name, i) => ({ ...(servicePathParams[i] ?? { schema: { type: 'string' } }), name, in: 'path', required: true })),
      ...serviceParams.filter((p) => p.in !== 'path'),
    ];
    const responses: JsonObject = { ...((base.responses as JsonObject | undefined) ?? { default: { description: 'See the owning service' } }) };
    if (route.roles !== 'public') {
      responses['401'] ??= problem('AUTH.UNAUTHENTICATED / AUTH.INVALID_TOKEN / AUTH.INVALID_API_KEY');
      responses['403'] ??= problem('AUTH.FORBIDDEN / AUTH.STORE_SCOPE / AUTH.NOT_YOUR_ACCOUNT');
    }
    responses['429'] ??= problem('REQUEST.RATE_LIMITED (Retry-After header)');
    if (route.owner !== 'gateway') responses['503'] ??= problem(`GATEWAY.SERVICE_UNAVAILABLE: the ${route.owner} service is down`);

    const operation: JsonObject = {
      ...base,
      summary: typeof base.summary === 'string' && base.summary ? base.summary : route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/^\/v1/, '').replace(/[/:-]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase())}`,
      tags: [route.owner],
      parameters: declared,
      responses,
      security: security(route),
      'x-owner': route.owner,
      description: [typeof base.description === 'string' ? base.description : '', whoMayCall(route)].filter(Boolean).join('\n\n'),
      'x-permission': route.permission,
      'x-roles': route.roles === 'public' ? 'public' : [...route.roles],
      'x-scope': route.scope,
      'x-documented-by': fromService ? 'service' : 'route-table',
    };
    paths[key] = { ...(paths[key] ?? {}), [method]: operation };
  }

  // The gateway's own operations outside the API (health).
  for (const [key, item] of Object.entries(sources.gateway?.paths ?? {}))
    if (!key.startsWith('/v1')) paths[key] ??= rewriteRefs(item, renames.get('gateway') ?? new Map()) as JsonObject;

  return {
    openapi: '3.0.3',
    info: { title: info.title, description: info.description, version: '1' },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.owner))].map((name) => ({ name })),
    paths: paths,
    components: {
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'POS API key of one store (also `Authorization: ApiKey <key>`)' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Staff token (POST /v1/auth/token) or customer token' },
      },
      schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'],
    },
  };
}

function security(route: RouteSpec): Json {
  if (route.roles === 'public') return [];
  const schemes: Json[] = [];
  if (route.roles.includes('pos')) schemes.push({ ApiKey: [] });
  if (route.roles.some((r) => r !== 'pos')) schemes.push({ bearer: [] });
  return schemes;
}

function rewriteRefs(value: unknown, map: Map<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, map));
  if (typeof value !== 'object' || value === null) return value as Json;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
      const name = v.slice('#/components/schemas/'.length);
      out[k] = `#/components/schemas/${map.get(name) ?? name}`;
    } else out[k] = rewriteRefs(v, map);
  }
  return out;
}

/** One sentence in every operation's description: the catalogue permission, its roles and scope. */
function whoMayCall(route: RouteSpec): string {
  const roles = route.roles === 'public' ? 'anyone (no authentication)' : route.roles.join(', ');
  return `**Who may call:** \`${route.permission}\`: ${roles}; ${describeScope(route.scope)}.`;
}
