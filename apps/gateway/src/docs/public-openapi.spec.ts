import type { OpenAPIObject } from '@nestjs/swagger';
import { buildPublicDocument } from './public-openapi';
import type { RouteSpec } from '../routing/route-table';

const routes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/v1/members/:memberId/tier-status',
    owner: 'members',
    permission: 'tiers.status.read',
    roles: ['admin', 'customer'],
    scope: { kind: 'self', param: 'memberId' },
    summary: 'Tier status',
  },
  {
    method: 'POST',
    path: '/v1/pos/transactions',
    owner: 'points',
    permission: 'pos.sale.record',
    roles: ['pos'],
    scope: { kind: 'store', from: ['body.storeId'] },
    summary: 'Record a purchase',
  },
  { method: 'GET', path: '/v1/tiers', owner: 'members', permission: 'tiers.config.read', roles: ['admin'], scope: { kind: 'none' }, summary: 'Tiers' },
];

const doc = (paths: Record<string, unknown>, schemas: Record<string, unknown>): OpenAPIObject =>
  ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas } }) as OpenAPIObject;

describe('buildPublicDocument', () => {
  const members = doc(
    {
      '/v1/members/{id}/tier-status': {
        get: {
          summary: 'From members',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Status' } } } } },
        },
      },
    },
    { Status: { type: 'object', properties: { tier: { type: 'string' } } } },
  );
  const points = doc(
    {
      '/v1/pos/transactions': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Status' } } } },
          responses: { '201': { description: 'ok' } },
        },
      },
    },
    { Status: { type: 'object', properties: { recorded: { type: 'boolean' } } } },
  );
  const built = buildPublicDocument(routes, { gateway: null, services: { members, points } }, { title: 'API', description: 'd' });

  it('matches service operations whatever their path parameter names, under the public names', () => {
    const op = built.paths['/v1/members/{memberId}/tier-status']?.get as unknown as Record<string, unknown>;
    expect(op).toMatchObject({ summary: 'From members', 'x-documented-by': 'service', 'x-roles': ['admin', 'customer'], security: [{ bearer: [] }] });
    expect(op.parameters).toEqual([{ name: 'memberId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]);
  });

  it('keeps clashing schema names apart by prefixing the owner and rewriting references', () => {
    expect(built.components?.schemas?.Status).toEqual({ type: 'object', properties: { tier: { type: 'string' } } });
    expect(built.components?.schemas?.points_Status).toEqual({ type: 'object', properties: { recorded: { type: 'boolean' } } });
    expect(JSON.stringify(built.paths['/v1/pos/transactions']?.post)).toContain('#/components/schemas/points_Status');
    expect(built.paths['/v1/pos/transactions']?.post).toMatchObject({ security: [{ ApiKey: [] }] });
  });

  it('falls back to the route table when the service has no document', () => {
    const fallback = buildPublicDocument(routes, { gateway: null, services: {} }, { title: 'API', description: 'd' });
    expect(Object.keys(fallback.paths).sort()).toEqual(['/v1/members/{memberId}/tier-status', '/v1/pos/transactions', '/v1/tiers']);
    expect(fallback.paths['/v1/tiers']?.get).toMatchObject({ summary: 'Tiers', 'x-documented-by': 'route-table', responses: { '503': expect.any(Object) } });
  });
});
