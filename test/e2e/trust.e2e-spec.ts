import { uniqueSuffix } from '@app/testing';
import { E2E_ADMIN, startPlatform, type Platform } from './platform-harness';

/**
 * Trust between the till, the customer, the auditor and the services, through the gateway with
 * every service real: one permission catalogue decides who may call what on both sides, headers
 * a service sets for the caller reach it, the personal-data access log can be read, and a
 * member's data export gathers every service's part.
 */
describe('trust: permissions, headers, audit log, data export', () => {
  let p: Platform;
  let admin = '';
  let posKey = '';
  const tokens: Record<string, string> = {};
  const STORE = `trust-store-${uniqueSuffix()}`;

  async function enrol(): Promise<string> {
    const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: 'Wang Fang',
        phone: `+86138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: true, policyVersion: 'privacy-2026-01' }, analytics: { granted: true, policyVersion: 'privacy-2026-01' } },
      },
    });
    expect(r.status).toBe(201);
    return r.body.memberId;
  }

  const customerToken = async (memberId: string) =>
    (await p.call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId } })).body.accessToken;

  beforeAll(async () => {
    p = await startPlatform();
    admin = (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN })).body.accessToken;
    expect((await p.call('POST', '/v1/stores', { token: admin, body: { storeId: STORE, name: STORE } })).status).toBe(201);
    posKey = (await p.call<{ apiKey: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: admin, body: { label: 'till 1' } })).body.apiKey;
    for (const role of ['marketing', 'service_agent', 'auditor'] as const) {
      const email = `${role}-${uniqueSuffix()}@trust.test`;
      expect((await p.call('POST', '/v1/staff', { token: admin, body: { email, displayName: role, password: 'staff-password-0123', role } })).status).toBe(201);
      tokens[role] = (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email, password: 'staff-password-0123' } })).body.accessToken;
    }
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('a retried sale tells the till it is a replay (idempotent-replayed passes the gateway)', async () => {
    const memberId = await enrol();
    const sale = {
      storeId: STORE,
      terminalId: 'till-1',
      transactionId: `T-${uniqueSuffix()}`,
      member: { memberId },
      occurredAt: new Date().toISOString(),
      currency: 'CNY',
      lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: 1000 }],
      totalMinor: 1000,
      tender: 'card',
    };
    const first = await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it("the coupon cancel route is routed to points (its own 404, not the gateway's)", async () => {
    const memberId = await enrol();
    const res = await p.call('POST', `/v1/members/${memberId}/coupons/cpn-${uniqueSuffix()}/cancel`, { token: await customerToken(memberId) });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'COUPON.NOT_FOUND' });
  });

  it("marketing runs the programme but does not read one member's points or profile", async () => {
    const memberId = await enrol();
    expect((await p.call('GET', `/v1/members/${memberId}/points/balance`, { token: tokens.marketing })).status).toBe(403);
    expect((await p.call('GET', `/v1/members/${memberId}`, { token: tokens.marketing })).status).toBe(403);
    expect((await p.call('GET', '/v1/points/rules', { token: tokens.marketing })).status).toBe(200);
  });

  it('an auditor reads who saw which member unmasked, by member, actor and period', async () => {
    const memberId = await enrol();
    const read = await p.call('GET', `/v1/members/${memberId}?view=full`, { token: tokens.service_agent, headers: { 'x-access-reason': 'complaint C-1' } });
    expect(read.status).toBe(200);
    const log = await p.call<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>('GET', `/v1/audit-log?memberId=${memberId}`, {
      token: tokens.auditor,
    });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([expect.objectContaining({ memberId, actorRole: 'service_agent', action: 'read', reason: 'complaint C-1' })]);
    const future = await p.call<{ items: unknown[] }>('GET', `/v1/audit-log?memberId=${memberId}&from=2099-01-01T00:00:00Z`, { token: tokens.auditor });
    expect(future.body.items).toEqual([]);
    expect((await p.call('GET', '/v1/audit-log', { token: tokens.marketing })).status).toBe(403);
    const bad = await p.call('GET', '/v1/audit-log?from=yesterday', { token: tokens.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ field: 'from' })] });
  });

  it("the export gathers every service's part, is audited, and is refused once the member is erased", async () => {
    const memberId = await enrol();
    const token = await customerToken(memberId);
    const exported = await p.call<{ format: string; memberId: string; services: Record<string, Record<string, unknown>> }>(
      'GET',
      `/v1/members/${memberId}/export`,
      { token },
    );
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'loyalty-platform.member-export.v1', memberId });
    expect(Object.keys(exported.body.services).sort()).toEqual(['feedback', 'members', 'messaging', 'points', 'segments']);
    expect(exported.body.services.members).toMatchObject({ member: expect.objectContaining({ memberId }) });
    expect(exported.body.services.points).toMatchObject({
      balance: expect.any(Object),
      ledger: expect.any(Array),
      coupons: expect.any(Array),
      purchases: expect.any(Array),
    });
    const log = await p.call<{ items: Array<Record<string, unknown>> }>('GET', `/v1/audit-log?memberId=${memberId}`, { token: tokens.auditor });
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'export', actorRole: 'customer' })]));

    expect((await p.call('POST', `/v1/members/${memberId}/erasure`, { token: admin, body: {} })).status).toBe(200);
    const after = await p.call('GET', `/v1/members/${memberId}/export`, { token: admin, headers: { 'x-access-reason': 'subject request' } });
    expect(after.status).toBe(410);
    expect(after.body).toMatchObject({ code: 'MEMBERS.ERASED' });
    const demo = await p.call('POST', '/v1/auth/customer/demo-token', { body: { memberId } });
    expect(demo.status).toBe(404);
    expect(demo.body).toMatchObject({ code: 'AUTH.UNKNOWN_MEMBER' });
  });

  it('the demo token route refuses a member id nobody enrolled', async () => {
    const res = await p.call('POST', '/v1/auth/customer/demo-token', { body: { memberId: `nobody-${uniqueSuffix()}` } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'AUTH.UNKNOWN_MEMBER' });
  });
});
