import { decodeActor, encodeActor, ROLES, type Role } from '@app/common';
import { requestJson, startTestService, TEST_INTERNAL_TOKEN, testEnv, uniqueSuffix, waitUntil, type RunningTestService } from '@app/testing';
import { EventCatalog } from '@app/contracts';
import { GatewayEnv } from './config/gateway.env';
import { gatewayService } from './gateway.service-descriptor';
import { ROUTE_TABLE, type RouteSpec } from './routing/route-table';
import { openApiPath } from './docs/public-openapi';
import { DownstreamStub } from './testing/downstream-stub';

/**
 * The gateway against the real broker and database, with small HTTP stand-ins for the services
 * behind it (they record what the gateway forwarded, and refuse calls without the internal token).
 */
const ADMIN_EMAIL = 'admin@gateway.test';
const ADMIN_PASSWORD = 'admin-password-0123';
const SECRET = 'test-gateway-token-secret-0123456789abcdef';

const pointsDoc = {
  openapi: '3.0.0',
  info: { title: 'points', version: '1' },
  paths: {
    '/v1/pos/transactions': {
      post: {
        summary: 'Record a purchase (from the points service)',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordPurchaseDto' } } } },
        responses: { '201': { description: 'Recorded' } },
      },
    },
  },
  components: {
    schemas: { RecordPurchaseDto: { type: 'object', properties: { storeId: { type: 'string' }, amountMinor: { type: 'integer' } }, required: ['storeId'] } },
  },
};

function gatewayEnv(
  stubs: Record<'members' | 'points' | 'segments' | 'feedback' | 'messaging', DownstreamStub>,
  overrides: Record<string, string> = {},
): GatewayEnv {
  return testEnv(GatewayEnv, 'gateway', {
    GATEWAY_TOKEN_SECRET: SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DEMO_CUSTOMER_TOKENS: 'true',
    MEMBERS_URL: stubs.members.url,
    POINTS_URL: stubs.points.url,
    SEGMENTS_URL: stubs.segments.url,
    FEEDBACK_URL: stubs.feedback.url,
    MESSAGING_URL: stubs.messaging.url,
    CORS_ORIGINS: 'https://app.example.com',
    DOWNSTREAM_TIMEOUT_MS: '1500',
    AGGREGATE_TIMEOUT_MS: '400',
    RATE_LIMIT_PER_IP: '100000',
    RATE_LIMIT_AUTH_PER_IP: '100000',
    RATE_LIMIT_PER_SUBJECT: '100000',
    RATE_LIMIT_PER_API_KEY: '100000',
    ...overrides,
  });
}

async function startStubs() {
  return {
    // members knows every member id except those starting with `ghost-` (for the demo-token route).
    members: (await new DownstreamStub('members', TEST_INTERNAL_TOKEN).start()).on((req) => {
      const id = /^\/v1\/members\/resolve\?memberId=([^&]+)$/.exec(req.url)?.[1];
      if (id === undefined) return undefined;
      return id.startsWith('ghost-')
        ? { status: 404, body: { code: 'MEMBERS.NOT_FOUND' } }
        : { status: 200, body: { memberId: decodeURIComponent(id), tier: 'regular' } };
    }),
    points: await new DownstreamStub('points', TEST_INTERNAL_TOKEN, pointsDoc).start(),
    segments: await new DownstreamStub('segments', TEST_INTERNAL_TOKEN).start(),
    feedback: await new DownstreamStub('feedback', TEST_INTERNAL_TOKEN).start(),
    messaging: await new DownstreamStub('messaging', TEST_INTERNAL_TOKEN).start(),
  };
}

const json = (token?: string, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
  ...extra,
});

describe('gateway (real database, stand-in services)', () => {
  let stubs: Awaited<ReturnType<typeof startStubs>>;
  let gw: RunningTestService;
  const tokens = {} as Record<Role, string>;
  let posKey = '';
  let posKeyId = '';
  const STORE = `store-${uniqueSuffix()}`;
  const OTHER_STORE = `store-${uniqueSuffix()}`;
  const MEMBER = `m-${uniqueSuffix()}`;

  const call = <T = Record<string, unknown>>(
    method: string,
    path: string,
    init: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    requestJson<T>(`${gw.url}${path}`, {
      method,
      headers: { ...json(init.token), ...(init.apiKey ? { 'x-api-key': init.apiKey } : {}), ...(init.headers ?? {}) },
      body: init.body,
    });

  beforeAll(async () => {
    stubs = await startStubs();
    gw = await startTestService(gatewayService, gatewayEnv(stubs), { consume: false });

    const signIn = await call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    expect(signIn.status).toBe(200);
    tokens.admin = signIn.body.accessToken;
    for (const storeId of [STORE, OTHER_STORE])
      expect((await call('POST', '/v1/stores', { token: tokens.admin, body: { storeId, name: `Store ${storeId}` } })).status).toBe(201);
    const issued = await call<{ apiKey: string; _id: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: tokens.admin, body: { label: 'Till 1' } });
    expect(issued.status).toBe(201);
    posKey = issued.body.apiKey;
    posKeyId = issued.body._id;
    for (const role of ['marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'] as const) {
      const email = `${role}-${uniqueSuffix()}@gateway.test`;
      const created = await call('POST', '/v1/staff', {
        token: tokens.admin,
        body: { email, displayName: role, password: 'staff-password-0123', role, ...(role === 'store_manager' ? { storeIds: [STORE] } : {}) },
      });
      expect(created.status).toBe(201);
      const t = await call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email: email.toUpperCase(), password: 'staff-password-0123' } });
      expect(t.status).toBe(200);
      tokens[role] = t.body.accessToken;
    }
    const customer = await call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId: MEMBER } });
    expect(customer.status).toBe(200);
    tokens.customer = customer.body.accessToken;
  });

  afterAll(async () => {
    await gw?.close();
    for (const s of Object.values(stubs ?? {})) await s.stop();
  });

  describe('authentication', () => {
    it('the bootstrap admin exists once; wrong or unknown credentials get the same 401', async () => {
      const me = await call('GET', '/v1/auth/me', { token: tokens.admin });
      expect(me.body).toMatchObject({ role: 'admin', storeIds: [] });
      const wrong = await call('POST', '/v1/auth/token', { body: { email: ADMIN_EMAIL, password: 'nope-nope-nope' } });
      const unknown = await call('POST', '/v1/auth/token', { body: { email: 'nobody@gateway.test', password: 'nope-nope-nope' } });
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(wrong.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
      expect(unknown.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS', detail: wrong.body.detail });
      const list = await call<{ items: Array<{ email: string; passwordHash?: string }> }>('GET', '/v1/staff', { token: tokens.admin });
      expect(list.body.items.filter((u) => u.email === ADMIN_EMAIL)).toHaveLength(1);
      expect(list.body.items.every((u) => u.passwordHash === undefined)).toBe(true);
    });

    it('refuses missing, forged, tampered and unknown credentials with 401', async () => {
      expect((await call('GET', '/v1/auth/me')).status).toBe(401);
      const forged = await call('GET', '/v1/auth/me', {
        headers: { 'x-actor': encodeActor({ id: 'x', role: 'admin', storeIds: [] }), 'x-internal-token': TEST_INTERNAL_TOKEN },
      });
      expect(forged.status).toBe(401);
      const [h, b, s] = tokens.customer.split('.');
      const claims = JSON.parse(Buffer.from(b, 'base64url').toString()) as Record<string, unknown>;
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
      expect((await call('GET', '/v1/auth/me', { token: tampered })).body).toMatchObject({ status: 401, code: 'AUTH.INVALID_TOKEN' });
      expect((await call('GET', '/v1/auth/me', { apiKey: 'lpk_not-a-key' })).body).toMatchObject({ status: 401, code: 'AUTH.INVALID_API_KEY' });
      expect((await call('GET', '/v1/auth/me', { headers: { authorization: `ApiKey ${posKey}` } })).body).toMatchObject({
        role: 'pos',
        id: posKeyId,
        storeIds: [STORE],
      });
    });

    it('a POS key maps to a pos actor of its store; its use is recorded; a revoked key is refused', async () => {
      const extra = await call<{ apiKey: string; _id: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: tokens.admin, body: {} });
      expect(extra.body.apiKey).toMatch(/^lpk_/);
      expect((await call('GET', '/v1/auth/me', { apiKey: extra.body.apiKey })).status).toBe(200);
      const listed = await waitUntil(
        async () => {
          const l = await call<{ items: Array<{ _id: string; lastUsedAt: string | null; apiKey?: string; hash?: string }> }>(
            'GET',
            `/v1/stores/${STORE}/api-keys`,
            { token: tokens.store_manager },
          );
          const k = l.body.items.find((i) => i._id === extra.body._id);
          return k?.lastUsedAt ? l : null;
        },
        5000,
        'lastUsedAt',
      );
      expect(listed.body.items.every((i) => i.apiKey === undefined && i.hash === undefined)).toBe(true);
      expect((await call('GET', `/v1/stores/${OTHER_STORE}/api-keys`, { token: tokens.store_manager })).status).toBe(403);
      const revoked = await call('DELETE', `/v1/stores/${STORE}/api-keys/${extra.body._id}`, { token: tokens.admin });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      expect((await call('GET', '/v1/auth/me', { apiKey: extra.body.apiKey })).status).toBe(401);
      expect((await call('DELETE', `/v1/stores/${OTHER_STORE}/api-keys/${extra.body._id}`, { token: tokens.admin })).status).toBe(404);
    });

    it('demo customer tokens carry the member id; staff creation validates input', async () => {
      expect((await call('GET', '/v1/auth/me', { token: tokens.customer })).body).toEqual({ id: MEMBER, role: 'customer', storeIds: [], memberId: MEMBER });
      const bad = await call<{ errors: Array<{ field: string }> }>('POST', '/v1/staff', {
        token: tokens.admin,
        body: { email: 'not-an-email', displayName: 'x', password: 'short', role: 'root' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['email', 'password', 'role']);
      const dup = await call('POST', '/v1/staff', {
        token: tokens.admin,
        body: { email: ADMIN_EMAIL, displayName: 'x', password: 'another-password-1', role: 'admin' },
      });
      expect(dup.body).toMatchObject({ status: 409, code: 'STAFF.EMAIL_TAKEN' });
    });
  });

  it('the demo token route gives no token for a member that members does not know (or erased)', async () => {
    const refused = await call('POST', '/v1/auth/customer/demo-token', { body: { memberId: `ghost-${uniqueSuffix()}` } });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'AUTH.UNKNOWN_MEMBER' });
    const asked = stubs.members.forwardedTo('/v1/members/resolve?memberId=ghost-');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[asked.length - 1].actor).toBeNull();
  });

  it('a deactivated staff user is refused at once, token and sign-in alike', async () => {
    const email = `leaver-${uniqueSuffix()}@gateway.test`;
    const created = await call<{ _id: string }>('POST', '/v1/staff', {
      token: tokens.admin,
      body: { email, displayName: 'Leaver', password: 'leaver-password-01', role: 'service_agent' },
    });
    const token = (await call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email, password: 'leaver-password-01' } })).body.accessToken;
    expect((await call('GET', '/v1/auth/me', { token })).status).toBe(200);
    expect((await call('PATCH', `/v1/staff/${created.body._id}`, { token: tokens.admin, body: { active: false } })).body).toMatchObject({ active: false });
    expect((await call('GET', '/v1/auth/me', { token })).body).toMatchObject({ status: 401, code: 'AUTH.TOKEN_REVOKED' });
    expect((await call('POST', '/v1/auth/token', { body: { email, password: 'leaver-password-01' } })).status).toBe(401);
    expect((await call('PATCH', `/v1/staff/${created.body._id}`, { token: tokens.service_agent, body: { active: true } })).status).toBe(403);
  });

  describe('authorization', () => {
    function requestFor(route: RouteSpec) {
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => (name === 'memberId' ? MEMBER : name === 'storeId' ? STORE : `${name}-1`));
      const body =
        route.method === 'GET' || route.method === 'DELETE' ? undefined : { storeId: STORE, preferredStoreId: STORE, transactions: [{ storeId: STORE }] };
      return { path, body };
    }

    it('walks the whole route table for every role: allowed roles get through, others get 403 and nothing is forwarded', async () => {
      const failures: string[] = [];
      for (const route of ROUTE_TABLE) {
        for (const role of ROLES) {
          const { path, body } = requestFor(route);
          const stub = route.owner === 'gateway' ? null : stubs[route.owner];
          const before = stub?.received.length ?? 0;
          const res = role === 'pos' ? await call(route.method, path, { apiKey: posKey, body }) : await call(route.method, path, { token: tokens[role], body });
          const allowed = route.roles === 'public' || route.roles.includes(role);
          const forwarded = (stub?.received.length ?? 0) > before;
          if (allowed && (res.status === 401 || res.status === 403))
            failures.push(`${role} ${route.method} ${route.path}: expected allowed, got ${res.status}`);
          if (allowed && stub && !forwarded) failures.push(`${role} ${route.method} ${route.path}: allowed but not forwarded (${res.status})`);
          if (!allowed && res.status !== 403) failures.push(`${role} ${route.method} ${route.path}: expected 403, got ${res.status}`);
          if (!allowed && forwarded) failures.push(`${role} ${route.method} ${route.path}: denied but forwarded`);
        }
        if (route.roles !== 'public') {
          const { path, body } = requestFor(route);
          const anonymous = await call(route.method, path, { body });
          if (anonymous.status !== 401) failures.push(`anonymous ${route.method} ${route.path}: expected 401, got ${anonymous.status}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('forwards with the internal token, the actor and the correlation id; client-sent x-actor/x-internal-token never pass', async () => {
      const forged = encodeActor({ id: 'evil', role: 'admin', storeIds: [] });
      const res = await call('POST', '/v1/pos/transactions', {
        apiKey: posKey,
        body: { storeId: STORE, amountMinor: 1200 },
        headers: {
          'x-actor': forged,
          'x-internal-token': 'client-guess',
          'x-correlation-id': 'corr-gateway-forward-1',
          'idempotency-key': 'idem-1',
          cookie: 'a=b',
        },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-correlation-id')).toBe('corr-gateway-forward-1');
      const seen = stubs.points.received.at(-1)!;
      expect(seen.url).toBe('/v1/pos/transactions');
      expect(seen.headers['x-internal-token']).toBe(TEST_INTERNAL_TOKEN);
      expect(decodeActor(seen.headers['x-actor'] as string)).toEqual({ id: posKeyId, role: 'pos', storeIds: [STORE] });
      expect(seen.headers['x-correlation-id']).toBe('corr-gateway-forward-1');
      expect(seen.headers['idempotency-key']).toBe('idem-1');
      expect(seen.headers.cookie).toBeUndefined();
      expect(seen.body).toEqual({ storeId: STORE, amountMinor: 1200 });
    });

    it("a POS key for one store cannot credit another store's sales: 403 before forwarding", async () => {
      const before = stubs.points.received.length;
      const other = await call('POST', '/v1/pos/transactions', { apiKey: posKey, body: { storeId: OTHER_STORE, amountMinor: 100 } });
      expect(other.status).toBe(403);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
      expect(other.body).toMatchObject({ code: 'AUTH.STORE_SCOPE', correlationId: expect.any(String) });
      const batch = await call('POST', '/v1/pos/transactions/batch', {
        apiKey: posKey,
        body: { transactions: [{ storeId: STORE }, { storeId: OTHER_STORE }] },
      });
      expect(batch.status).toBe(403);
      const missing = await call('POST', '/v1/pos/returns', { apiKey: posKey, body: { purchaseId: 'p1' } });
      expect(missing.body).toMatchObject({ status: 400, code: 'REQUEST.STORE_ID_REQUIRED' });
      const enrol = await call('POST', '/v1/members', { apiKey: posKey, body: { preferredStoreId: OTHER_STORE } });
      expect(enrol.status).toBe(403);
      expect(stubs.points.received.length).toBe(before);
    });

    it('a customer cannot read another member: 403 before forwarding', async () => {
      const before = stubs.points.received.length + stubs.members.received.length;
      for (const path of [
        '/v1/members/someone-else/points/balance',
        '/v1/members/someone-else',
        '/v1/members/someone-else/status',
        '/v1/members/someone-else/export',
      ]) {
        const res = await call('GET', path, { token: tokens.customer });
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'AUTH.NOT_YOUR_ACCOUNT' });
      }
      expect(stubs.points.received.length + stubs.members.received.length).toBe(before);
      const own = await call('GET', `/v1/members/${MEMBER}/points/balance?x=1`, { token: tokens.customer });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ service: 'points', url: `/v1/members/${MEMBER}/points/balance?x=1`, actor: { role: 'customer', memberId: MEMBER } });
    });

    it('refuses unknown routes, wrong methods and non-canonical paths', async () => {
      expect((await call('GET', '/v1/nothing-here', { token: tokens.admin })).body).toMatchObject({ status: 404, code: 'REQUEST.NOT_FOUND' });
      const wrong = await call('DELETE', '/v1/tiers', { token: tokens.admin });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toContain('GET');
      // Express routes case-insensitively and with a trailing slash: neither may bypass the table.
      expect((await call('POST', '/V1/stores', { body: { storeId: 'sneaky', name: 'x' } })).status).toBe(404);
      expect((await call('POST', '/v1/stores/', { body: { storeId: 'sneaky', name: 'x' } })).status).toBe(401);
      expect((await call('GET', '/v1/STAFF', { token: tokens.customer })).status).toBe(404);
      expect((await call('GET', '/nothing')).body).toMatchObject({ status: 404, code: 'REQUEST.NOT_FOUND' });
      for (const path of [`/v1/members/${MEMBER}/..%2fother/points/balance`, `/v1/members/${MEMBER}/%2e%2e/x`, '/v1//members']) {
        const res = await call('GET', path, { token: tokens.customer });
        expect({ path, status: res.status }).toEqual({ path, status: res.status >= 400 && res.status < 500 ? res.status : 'not 4xx' });
        expect(res.status).not.toBe(200);
      }
    });
  });

  describe('forwarding', () => {
    afterEach(() => {
      stubs.points.mode = 'ok';
      stubs.members.mode = 'ok';
    });

    it("passes the service's status, problem+json body and Location through", async () => {
      stubs.points.on((r) =>
        r.url === '/v1/points/rules' && r.method === 'POST'
          ? {
              status: 422,
              body: { type: 'about:blank', status: 422, code: 'POINTS.RULE_OVERLAP', detail: 'overlap' },
              headers: { 'content-type': 'application/problem+json' },
            }
          : undefined,
      );
      const res = await call('POST', '/v1/points/rules', { token: tokens.marketing, body: { name: 'x' } });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toEqual({ type: 'about:blank', status: 422, code: 'POINTS.RULE_OVERLAP', detail: 'overlap' });
    });

    it('a service that is down or silent gives 503 GATEWAY.SERVICE_UNAVAILABLE naming it; GETs are retried, POSTs are not', async () => {
      stubs.points.mode = 'reset';
      const before = stubs.points.received.length;
      const get = await call('GET', '/v1/rewards', { token: tokens.customer });
      expect(get.status).toBe(503);
      expect(get.body).toMatchObject({ code: 'GATEWAY.SERVICE_UNAVAILABLE', details: { service: 'points' } });
      expect(get.body.detail).toContain('points');
      expect(stubs.points.received.length - before).toBe(2); // one retry for a safe request
      const mid = stubs.points.received.length;
      const post = await call('POST', '/v1/rewards', { token: tokens.marketing, body: { name: 'gift' } });
      expect(post.body).toMatchObject({ status: 503, code: 'GATEWAY.SERVICE_UNAVAILABLE', details: { service: 'points' } });
      expect(stubs.points.received.length - mid).toBe(1);
      stubs.points.mode = 'slow';
      const slow = await call('GET', '/v1/points/rules', { token: tokens.marketing });
      expect(slow.body).toMatchObject({ status: 503, details: { service: 'points' } });
      expect(slow.body.detail).toContain('no answer within');
    });
  });

  describe('aggregated membership status', () => {
    beforeAll(() => {
      stubs.members.on((r) =>
        r.url.endsWith('/tier-status')
          ? { status: 200, body: { tier: 'gold', benefits: ['birthday-offer'], nextTier: { tier: 'platinum', progress: 0.4 }, reviewDate: '2026-12-31' } }
          : undefined,
      );
      stubs.points.on((r) =>
        r.url.endsWith('/points/balance') ? { status: 200, body: { available: 1200, pending: 50, expiringWithin30Days: 100 } } : undefined,
      );
      stubs.points.on((r) => (r.url.endsWith('/coupons') ? { status: 200, body: { items: [{ code: 'C1' }] } } : undefined));
    });
    afterEach(() => {
      stubs.points.mode = 'ok';
      stubs.members.mode = 'ok';
    });

    it('combines members and points for staff and for the customer (/v1/me/status)', async () => {
      const staff = await call('GET', `/v1/members/${MEMBER}/status`, { token: tokens.service_agent });
      expect(staff.status).toBe(200);
      expect(staff.body).toEqual({
        memberId: MEMBER,
        membership: { tier: 'gold', benefits: ['birthday-offer'], nextTier: { tier: 'platinum', progress: 0.4 }, reviewDate: '2026-12-31' },
        points: { available: 1200, pending: 50, expiringWithin30Days: 100 },
        coupons: { items: [{ code: 'C1' }] },
        partial: false,
        unavailable: [],
      });
      const me = await call('GET', '/v1/me/status', { token: tokens.customer });
      expect(me.body).toMatchObject({ memberId: MEMBER, partial: false });
      const fwd = stubs.members.received.filter((r) => r.url === `/v1/members/${MEMBER}/tier-status`).at(-1)!;
      expect(decodeActor(fwd.headers['x-actor'] as string)).toMatchObject({ role: 'customer', memberId: MEMBER });
    });

    it('is partial, naming points, when points is down or slower than the bound', async () => {
      for (const mode of ['reset', 'slow'] as const) {
        stubs.points.mode = mode;
        const started = Date.now();
        const res = await call('GET', '/v1/me/status', { token: tokens.customer });
        expect({ mode, status: res.status }).toEqual({ mode, status: 200 });
        expect(res.body).toMatchObject({ membership: { tier: 'gold' }, points: null, coupons: null, partial: true, unavailable: ['points'] });
        expect(Date.now() - started).toBeLessThan(1500);
      }
    });

    it("relays the members service's refusal, and is 503 when nothing answers", async () => {
      stubs.members.on((r) =>
        r.url === '/v1/members/ghost/tier-status' ? { status: 404, body: { code: 'MEMBERS.NOT_FOUND', detail: 'No such member' } } : undefined,
      );
      const ghost = await call('GET', '/v1/members/ghost/status', { token: tokens.admin });
      expect(ghost.body).toMatchObject({ status: 404, code: 'MEMBERS.NOT_FOUND' });
      stubs.points.mode = 'reset';
      stubs.members.mode = 'reset';
      const down = await call('GET', `/v1/members/${MEMBER}/status`, { token: tokens.admin });
      expect(down.body).toMatchObject({ status: 503, code: 'GATEWAY.SERVICE_UNAVAILABLE' });
    });
  });

  describe('HTTP hygiene', () => {
    it('sets secure headers, no X-Powered-By, no-store on API answers', async () => {
      const res = await call('GET', '/v1/auth/me', { token: tokens.admin });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('ratelimit-limit')).toBe('100000');
      const proxied = await call('GET', '/v1/rewards', { token: tokens.customer });
      expect(proxied.headers.get('x-frame-options')).toBe('DENY');
    });

    it('answers CORS for allowed origins only', async () => {
      const pre = await fetch(`${gw.url}/v1/pos/transactions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(pre.headers.get('access-control-allow-headers')).toContain('x-api-key');
      const denied = await fetch(`${gw.url}/v1/pos/transactions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await call('GET', '/v1/auth/me', { token: tokens.admin, headers: { origin: 'https://app.example.com' } });
      expect(simple.headers.get('access-control-expose-headers')).toContain('ratelimit-remaining');
    });

    it('refuses malformed, non-JSON and oversized bodies with 4xx problems', async () => {
      const malformed = await requestJson(`${gw.url}/v1/pos/transactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': posKey },
        body: '{"storeId":',
      });
      expect(malformed.status).toBe(400);
      const text = await requestJson(`${gw.url}/v1/pos/transactions`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-api-key': posKey },
        body: 'storeId=1',
      });
      expect(text.status).toBe(415);
      const big = await requestJson(`${gw.url}/v1/pos/transactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': posKey },
        body: JSON.stringify({ storeId: STORE, pad: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(big.status).toBe(413);
    });

    it('counts requests by route-table pattern in /metrics', async () => {
      await call('GET', `/v1/members/${MEMBER}/points/balance`, { token: tokens.customer });
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      expect(text).toContain('gateway_requests_total{method="GET",route="/v1/members/:memberId/points/balance",status="200"}');
      expect(text).toContain('gateway_request_duration_seconds_bucket{le="0.5",method="GET",route="/v1/members/:memberId/points/balance"}');
      expect(text).toContain('gateway_downstream_unavailable_total{service="points"}');
      expect(text).toMatch(/gateway_downstream_duration_seconds_count\{outcome="200",service="points"\} \d+/);
    });
  });

  describe('documentation', () => {
    it("the OpenAPI document lists every route of the table, with security schemes, and merges the service's own schemas", async () => {
      const doc = await call<{
        paths: Record<string, Record<string, Record<string, unknown>>>;
        components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
      }>('GET', '/docs-json');
      expect(doc.status).toBe(200);
      const missing = ROUTE_TABLE.filter((r) => !doc.body.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.path}`);
      expect(missing).toEqual([]);
      expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual(['ApiKey', 'bearer']);
      const pos = doc.body.paths['/v1/pos/transactions'].post;
      expect(pos).toMatchObject({
        'x-documented-by': 'service',
        'x-roles': ['pos'],
        security: [{ ApiKey: [] }],
        summary: 'Record a purchase (from the points service)',
      });
      expect(JSON.stringify(pos.requestBody)).toContain('#/components/schemas/RecordPurchaseDto');
      expect(doc.body.components.schemas.RecordPurchaseDto).toBeDefined();
      expect(doc.body.paths['/v1/tiers'].get).toMatchObject({ 'x-documented-by': 'route-table', summary: 'Tier definitions' });
      expect(doc.body.paths['/v1/staff'].post).toMatchObject({ 'x-documented-by': 'service', requestBody: expect.any(Object) });
      expect(doc.body.paths['/health']).toBeDefined();
      const page = await fetch(`${gw.url}/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const ui = await fetch(`${gw.url}/docs/swagger-ui-init.js`);
      expect(await ui.text()).toContain("url: '/docs-json'");
    });

    it('the event catalogue is AsyncAPI with every event and its payload schema', async () => {
      const res = await call<{
        asyncapi: string;
        channels: Record<string, unknown>;
        components: { messages: Record<string, { payload: { properties: { payload: { properties: Record<string, unknown>; required: string[] } } } }> };
      }>('GET', '/docs/events');
      expect(res.body.asyncapi).toBe('2.6.0');
      expect(Object.keys(res.body.channels).sort()).toEqual(
        Object.values(EventCatalog)
          .map((e) => e.topic)
          .sort(),
      );
      const enrolled = res.body.components.messages['member.enrolled.v1'].payload.properties.payload;
      expect(enrolled.properties.memberId).toEqual({ type: 'string', maxLength: 64 });
      expect(enrolled.required).toContain('enrolledAt');
      expect(enrolled.properties.enrolledAt).toEqual({ type: 'string', format: 'date-time' });
      expect(JSON.stringify(res.body)).not.toContain('x-constraints');
    });
  });
});

describe('gateway rate limits (tiny window)', () => {
  let stubs: Awaited<ReturnType<typeof startStubs>>;
  let gw: RunningTestService;

  beforeAll(async () => {
    stubs = await startStubs();
    gw = await startTestService(
      gatewayService,
      gatewayEnv(stubs, {
        RATE_LIMIT_WINDOW_MS: '1500',
        RATE_LIMIT_PER_IP: '50',
        RATE_LIMIT_PER_SUBJECT: '3',
        RATE_LIMIT_PER_API_KEY: '3',
        RATE_LIMIT_AUTH_PER_IP: '2',
      }),
      { consume: false },
    );
  });
  afterAll(async () => {
    await gw?.close();
    for (const s of Object.values(stubs ?? {})) await s.stop();
  });

  it('limits a token subject, answers 429 REQUEST.RATE_LIMITED with headers, and recovers in the next window', async () => {
    // Start at the beginning of a window so the requests below share it.
    const windowStart = async () => {
      const issued = await requestJson<{ accessToken: string }>(`${gw.url}/v1/auth/customer/demo-token`, { body: { memberId: `m-${uniqueSuffix()}` } });
      return issued.status === 200 ? issued.body.accessToken : null;
    };
    const token = await waitUntil(windowStart, 10000, 'a token');
    const get = () => requestJson<Record<string, unknown>>(`${gw.url}/v1/rewards`, { headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof get>> | null = null;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await get();
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited).not.toBeNull();
    expect(limited!.headers.get('content-type')).toContain('application/problem+json');
    expect(limited!.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED' });
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited!.headers.get('ratelimit-limit')).toBeDefined();
    expect(statuses[0]).toBe(200);
    await waitUntil(async () => (await get()).status === 200, 5000, 'the next window');
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    expect(text).toMatch(/gateway_rate_limited_total\{limit="(subject|ip)"\} \d+/);
  });

  it('limits each POS API key on its own', async () => {
    // Set-up calls share the tiny limits too: retry each until it is not rate-limited.
    const setUp = <T>(url: string, init: Parameters<typeof requestJson>[1]) =>
      waitUntil(
        async () => {
          const res = await requestJson<T>(url, init);
          return res.status === 429 ? null : res;
        },
        10000,
        `set-up call ${url}`,
      );
    const admin = await setUp<{ accessToken: string }>(`${gw.url}/v1/auth/token`, { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${admin.body.accessToken}` };
    const storeId = `store-${uniqueSuffix()}`;
    expect((await setUp(`${gw.url}/v1/stores`, { headers: auth, body: { storeId, name: 'Rate store' } })).status).toBe(201);
    const keys: string[] = [];
    for (let i = 0; i < 2; i++)
      keys.push((await setUp<{ apiKey: string }>(`${gw.url}/v1/stores/${storeId}/api-keys`, { headers: auth, body: {} })).body.apiKey);
    const use = (key: string) => requestJson<Record<string, unknown>>(`${gw.url}/v1/auth/me`, { headers: { 'x-api-key': key } });
    let limited: Awaited<ReturnType<typeof use>> | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await use(keys[0]);
      if (res.status === 429) limited = res;
    }
    expect(limited?.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', details: { limit: 'api_key' } });
    expect((await use(keys[1])).status).toBe(200);
  });

  it('limits sign-in attempts per address more tightly', async () => {
    const attempt = () => requestJson(`${gw.url}/v1/auth/token`, { body: { email: 'x@gateway.test', password: 'whatever-123' } });
    // Six attempts within one 1.5 s window (or across two): at least three share a window, over the limit of two.
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await attempt());
    const limited = answers.find((a) => a.status === 429);
    expect(limited?.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', details: { limit: 'auth_ip' } });
    expect(answers[0]?.status).toBe(401);
  });
});
