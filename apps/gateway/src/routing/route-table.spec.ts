import { ROLES, type Actor, type Role } from '@app/common';
import { authorize } from './authorize';
import { ROUTE_TABLE, RouteMatcher, type RouteSpec } from './route-table';

/**
 * The expected access of every public route, written out by hand. A route added to the table
 * without a line here (or a line without a route) fails the test: no route goes unreviewed.
 */
const SERVICE = ['admin', 'service_agent', 'service_supervisor', 'store_manager'];
const READ = [...SERVICE, 'auditor'];
const STAFF = ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'];
const EXPECTED: Record<string, string[] | 'public'> = {
  'POST /v1/auth/token': 'public',
  'POST /v1/auth/customer/demo-token': 'public',
  'GET /v1/auth/me': [...STAFF, 'customer', 'pos'],
  'POST /v1/staff': ['admin'],
  'GET /v1/staff': ['admin'],
  'PATCH /v1/staff/:staffId': ['admin'],
  'POST /v1/stores': ['admin'],
  'GET /v1/stores': ['admin', 'auditor'],
  'POST /v1/stores/:storeId/api-keys': ['admin'],
  'GET /v1/stores/:storeId/api-keys': ['admin', 'store_manager'],
  'DELETE /v1/stores/:storeId/api-keys/:keyId': ['admin'],
  'GET /v1/members/:memberId/status': [...READ, 'customer'],
  'GET /v1/me/status': ['customer'],
  'POST /v1/pos/transactions': ['pos'],
  'POST /v1/pos/transactions/batch': ['pos'],
  'POST /v1/pos/returns': ['pos'],
  'POST /v1/pos/coupons/:code/redeem': ['pos'],
  'POST /v1/members/:memberId/claims': [...SERVICE, 'customer'],
  'GET /v1/members/:memberId/points/balance': [...READ, 'customer', 'pos'],
  'POST /v1/members/:memberId/points/redemptions': ['admin', 'customer', 'pos'],
  'GET /v1/members/:memberId/points/history': [...READ, 'customer'],
  'GET /v1/members/:memberId/coupons': [...READ, 'customer'],
  'POST /v1/members/:memberId/coupons/:couponId/cancel': [...SERVICE, 'customer'],
  'POST /v1/members/:memberId/points/adjustments': ['admin', 'service_supervisor'],
  'GET /v1/points/rules': ['admin', 'marketing', 'auditor'],
  'POST /v1/points/rules': ['admin', 'marketing'],
  'GET /v1/points/reconciliation': ['admin', 'auditor'],
  'POST /v1/points/reconciliation/repair': ['admin'],
  'POST /v1/points/jobs/run': ['admin'],
  // sale integrity (issue 9): held sales reviewed by staff
  'GET /v1/points/holds': ['admin', 'service_supervisor'],
  'POST /v1/points/holds/:purchaseId/release': ['admin', 'service_supervisor'],
  'POST /v1/points/holds/:purchaseId/reverse': ['admin', 'service_supervisor'],
  'GET /v1/rewards': [...STAFF, 'customer', 'pos'],
  'POST /v1/rewards': ['admin', 'marketing'],
  'POST /v1/members/:memberId/rewards/:rewardId/redeem': [...SERVICE, 'customer'],
  'POST /v1/members': [...SERVICE, 'pos'],
  'GET /v1/members/resolve': [...READ, 'pos'],
  'GET /v1/members/lookup': READ,
  'DELETE /v1/members/:memberId': ['admin', 'service_supervisor', 'customer'],
  'GET /v1/members/:memberId/history': READ,
  'GET /v1/members/:memberId/access-log': ['admin', 'auditor'],
  'GET /v1/members/:memberId/tier-history': [...READ, 'customer'],
  'GET /v1/members/:memberId': [...READ, 'customer'],
  'PATCH /v1/members/:memberId': [...SERVICE, 'customer'],
  'GET /v1/members/:memberId/tier-status': [...READ, 'customer'],
  'GET /v1/members/:memberId/export': ['admin', 'service_supervisor', 'customer'],
  'PUT /v1/members/:memberId/consents/:purpose': [...SERVICE, 'customer'],
  'POST /v1/members/:memberId/erasure': ['admin', 'service_supervisor', 'customer'],
  'POST /v1/members/:memberId/tier-override': ['admin', 'service_supervisor'],
  'GET /v1/tiers': ['admin', 'marketing', 'auditor'],
  'PUT /v1/tiers': ['admin', 'marketing'],
  'POST /v1/tiers/simulate': ['admin', 'marketing'],
  'GET /v1/audit-log': ['admin', 'auditor'],
  'POST /v1/jobs/members/birthdays': ['admin'],
  'POST /v1/jobs/tiers/review': ['admin'],
  'POST /v1/jobs/members/retention': ['admin'],
  'POST /v1/jobs/members/reencrypt': ['admin'],
  'POST /v1/campaigns': ['admin', 'marketing'],
  'GET /v1/campaigns': ['admin', 'marketing', 'auditor'],
  'GET /v1/campaigns/:campaignId': ['admin', 'marketing', 'auditor'],
  'GET /v1/campaigns/:campaignId/recipients': ['admin', 'marketing', 'auditor'],
  'POST /v1/campaigns/:campaignId/dispatch': ['admin', 'marketing'],
  // messaging
  'GET /v1/messaging/templates': ['admin', 'marketing', 'auditor'],
  'POST /v1/messaging/templates/preview': ['admin', 'marketing', 'auditor'],
  'GET /v1/messaging/templates/:kind/:locale': ['admin', 'marketing', 'auditor'],
  'PUT /v1/messaging/templates/:kind/:locale': ['admin', 'marketing'],
  'GET /v1/messaging/deliveries': STAFF,
  'GET /v1/messaging/deliveries/:deliveryId': STAFF,
  'GET /v1/messaging/campaigns/:campaignId/deliveries': STAFF,
  'GET /v1/messaging/unsubscribe': 'public',
  'POST /v1/messaging/unsubscribe': 'public',
  'POST /v1/webhooks/endpoints': ['admin'],
  'GET /v1/webhooks/endpoints': ['admin', 'auditor'],
  'GET /v1/webhooks/endpoints/:endpointId': ['admin', 'auditor'],
  'PATCH /v1/webhooks/endpoints/:endpointId': ['admin'],
  'POST /v1/webhooks/endpoints/:endpointId/replay': ['admin'],
  'GET /v1/webhooks/endpoints/:endpointId/deliveries': ['admin', 'auditor'],

  // ---- feedback
  'POST /v1/feedback/cases': SERVICE,
  'GET /v1/feedback/cases': READ,
  'GET /v1/feedback/cases/:caseId': READ,
  'POST /v1/feedback/cases/:caseId/transitions': SERVICE,
  'POST /v1/feedback/cases/:caseId/answers': SERVICE,
  'POST /v1/feedback/cases/:caseId/assignment': SERVICE,
  'POST /v1/feedback/cases/:caseId/escalations': SERVICE,
  'POST /v1/feedback/cases/:caseId/resolution': SERVICE,
  'POST /v1/feedback/cases/:caseId/reopen': SERVICE,
  'POST /v1/feedback/cases/:caseId/compensation/approval': ['admin', 'service_supervisor'],
  'DELETE /v1/feedback/cases/:caseId/contact': ['admin', 'service_supervisor'],
  'GET /v1/feedback/sla-policies': READ,
  'PUT /v1/feedback/sla-policies/:kind/:severity': ['admin', 'service_supervisor'],
  'POST /v1/feedback/jobs/run': ['admin'],
  'GET /v1/feedback/metrics': ['admin', 'service_supervisor', 'store_manager', 'auditor'],
  'GET /v1/feedback/faq': [...STAFF, 'customer'],
  'POST /v1/feedback/faq': ['admin', 'service_supervisor'],
  'PUT /v1/feedback/faq/:articleId': ['admin', 'service_supervisor'],
  'POST /v1/feedback/surveys/:token': 'public',
  'POST /v1/me/cases': ['customer'],
  'GET /v1/me/cases': ['customer'],
  'GET /v1/me/cases/:caseId': ['customer'],
  'POST /v1/me/cases/:caseId/replies': ['customer'],

  // segments: RFM segments, lifecycle stages, profiles (issue 10)
  'POST /v1/campaigns/:campaignId/activate': ['admin', 'marketing'],
  'GET /v1/campaigns/:campaignId/results': ['admin', 'marketing', 'auditor'],
  'GET /v1/segments': ['admin', 'marketing', 'auditor'],
  'GET /v1/segments/grid': ['admin', 'marketing', 'auditor'],
  'POST /v1/segments/recompute': ['admin', 'marketing'],
  'GET /v1/segments/recompute/:jobId': ['admin', 'marketing', 'auditor'],
  'GET /v1/segments/:segment/members': ['admin', 'marketing', 'auditor'],
  'GET /v1/members/:memberId/segment-profile': ['admin', 'marketing', 'auditor'],

  'POST /v1/auth/customer/otp': 'public',
  'POST /v1/auth/customer/otp/verify': 'public',
  'POST /v1/auth/customer/refresh': 'public',
  'POST /v1/auth/customer/sign-out': 'public',
  'POST /v1/auth/customer/sign-out-everywhere': ['customer'],
};

const STORE = 'store-1';
const MEMBER = 'm-1';

function actorFor(role: Role): Actor {
  if (role === 'customer') return { id: MEMBER, role, storeIds: [], memberId: MEMBER };
  if (role === 'pos') return { id: 'key_1', role, storeIds: [STORE] };
  if (role === 'store_manager') return { id: 'stf_sm', role, storeIds: [STORE] };
  return { id: `stf_${role}`, role, storeIds: [] };
}

/** A request that satisfies the route's scope for an actor of the right store / member. */
function inScopeRequest(route: RouteSpec) {
  const params = Object.fromEntries(
    [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => [m[1], m[1] === 'memberId' ? MEMBER : m[1] === 'storeId' ? STORE : 'x']),
  );
  return { params, body: { storeId: STORE, preferredStoreId: STORE, transactions: [{ storeId: STORE }] } };
}

const key = (r: RouteSpec) => `${r.method} ${r.path}`;

describe('route table', () => {
  it('has an expected-access line for every route and a route for every line', () => {
    expect(ROUTE_TABLE.map(key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('has no duplicate routes and only known roles', () => {
    expect(new Set(ROUTE_TABLE.map(key)).size).toBe(ROUTE_TABLE.length);
    for (const r of ROUTE_TABLE) if (r.roles !== 'public') for (const role of r.roles) expect(ROLES).toContain(role);
  });

  describe.each(ROUTE_TABLE.map((r) => [key(r), r] as const))('%s', (_name, route) => {
    const expected = EXPECTED[key(route)];

    it('refuses an unauthenticated caller unless public', () => {
      const decision = authorize(route, null, inScopeRequest(route));
      expect(decision.allow).toBe(expected === 'public');
      if (!decision.allow) expect(decision.error.kind).toBe('unauthenticated');
    });

    it.each(ROLES.map((r) => [r]))('role %s', (role) => {
      const decision = authorize(route, actorFor(role), inScopeRequest(route));
      const allowed = expected === 'public' || (expected ?? []).includes(role);
      expect({ role, allow: decision.allow }).toEqual({ role, allow: allowed });
      if (!decision.allow) expect(decision.error.kind).toBe('forbidden');
    });
  });
});

describe('scope rules', () => {
  const find = (method: string, path: string) => {
    const m = new RouteMatcher().match(method, path);
    if (m.kind !== 'matched') throw new Error(`no route ${method} ${path}`);
    return m.match;
  };
  const pos = actorFor('pos');
  const customer = actorFor('customer');

  it('a POS key may credit only its own store', () => {
    const { route, params } = find('POST', '/v1/pos/transactions');
    expect(authorize(route, pos, { params, body: { storeId: STORE } }).allow).toBe(true);
    const other = authorize(route, pos, { params, body: { storeId: 'store-2' } });
    expect(other).toMatchObject({ allow: false, error: { code: 'AUTH.STORE_SCOPE', kind: 'forbidden' } });
    expect(authorize(route, pos, { params, body: {} })).toMatchObject({ allow: false, error: { code: 'REQUEST.STORE_ID_REQUIRED' } });
    expect(authorize(route, pos, { params, body: { storeId: ['store-1'] } })).toMatchObject({ allow: false, error: { code: 'AUTH.STORE_SCOPE' } });
  });

  it('a batch is refused when any line names another store', () => {
    const { route, params } = find('POST', '/v1/pos/transactions/batch');
    expect(authorize(route, pos, { params, body: { transactions: [{ storeId: STORE }, { storeId: STORE }] } }).allow).toBe(true);
    expect(authorize(route, pos, { params, body: { transactions: [{ storeId: STORE }, { storeId: 'store-2' }] } }).allow).toBe(false);
    expect(authorize(route, pos, { params, body: { storeId: STORE, transactions: [{ storeId: 'store-2' }] } }).allow).toBe(false);
  });

  it('enrolment by a POS key must name its own store as preferred store', () => {
    const { route, params } = find('POST', '/v1/members');
    expect(authorize(route, pos, { params, body: { preferredStoreId: STORE } }).allow).toBe(true);
    expect(authorize(route, pos, { params, body: { preferredStoreId: 'store-9' } }).allow).toBe(false);
    expect(authorize(route, actorFor('service_agent'), { params, body: { preferredStoreId: 'store-9' } }).allow).toBe(true);
  });

  it('a customer may read only their own member account', () => {
    const own = find('GET', `/v1/members/${MEMBER}/points/balance`);
    expect(authorize(own.route, customer, { params: own.params, body: undefined }).allow).toBe(true);
    const other = find('GET', '/v1/members/m-2/points/balance');
    expect(authorize(other.route, customer, { params: other.params, body: undefined })).toMatchObject({
      allow: false,
      error: { code: 'AUTH.NOT_YOUR_ACCOUNT' },
    });
    expect(authorize(other.route, actorFor('service_agent'), { params: other.params, body: undefined }).allow).toBe(true);
  });

  it("a redemption is scoped to the customer's own account and to the POS key's store", () => {
    const own = find('POST', `/v1/members/${MEMBER}/points/redemptions`);
    expect(authorize(own.route, customer, { params: own.params, body: {} }).allow).toBe(true);
    expect(authorize(own.route, pos, { params: own.params, body: { storeId: STORE } }).allow).toBe(true);
    expect(authorize(own.route, pos, { params: own.params, body: { storeId: 'store-2' } }).allow).toBe(false);
    const other = find('POST', '/v1/members/m-2/points/redemptions');
    expect(authorize(other.route, customer, { params: other.params, body: {} }).allow).toBe(false);
    expect(authorize(other.route, pos, { params: other.params, body: { storeId: STORE } }).allow).toBe(true);
  });

  it('a store manager opens feedback cases only for their own store', () => {
    const { route, params } = find('POST', '/v1/feedback/cases');
    expect(authorize(route, actorFor('store_manager'), { params, body: { storeId: STORE } }).allow).toBe(true);
    expect(authorize(route, actorFor('store_manager'), { params, body: { storeId: 'store-2' } }).allow).toBe(false);
    expect(authorize(route, actorFor('service_agent'), { params, body: { storeId: 'store-2' } }).allow).toBe(true);
  });

  it("a store manager lists only their own store's keys", () => {
    const own = find('GET', `/v1/stores/${STORE}/api-keys`);
    expect(authorize(own.route, actorFor('store_manager'), { params: own.params, body: undefined }).allow).toBe(true);
    const other = find('GET', '/v1/stores/store-2/api-keys');
    expect(authorize(other.route, actorFor('store_manager'), { params: other.params, body: undefined }).allow).toBe(false);
  });
});

describe('RouteMatcher', () => {
  const matcher = new RouteMatcher();
  it('prefers literal segments over parameters', () => {
    expect(matcher.match('GET', '/v1/members/resolve')).toMatchObject({ kind: 'matched', match: { route: { path: '/v1/members/resolve' } } });
    expect(matcher.match('GET', '/v1/members/abc')).toMatchObject({
      kind: 'matched',
      match: { route: { path: '/v1/members/:memberId' }, params: { memberId: 'abc' } },
    });
  });
  it('tells unknown routes from wrong methods', () => {
    expect(matcher.match('GET', '/v1/nope')).toEqual({ kind: 'not_found' });
    expect(matcher.match('DELETE', '/v1/tiers')).toMatchObject({ kind: 'method_not_allowed' });
  });
});
