import { requestJson, startTestService, TEST_INTERNAL_TOKEN, testEnv, uniqueSuffix, waitUntil, type RunningTestService } from '@app/testing';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayService } from '../gateway.service-descriptor';
import { DownstreamClient } from '../proxy/downstream.client';
import { DownstreamStub } from '../testing/downstream-stub';

/**
 * A service with two instances behind the gateway (real database; the instances are stand-ins):
 * calls are spread, an instance that is not ready gets nothing, and one that dies is skipped
 * without failing the call, even a POST (a refused connection never reached it).
 */
const ADMIN_EMAIL = 'admin@instances.test';
const ADMIN_PASSWORD = 'admin-password-0123';
const STORE = `store-${uniqueSuffix()}`;
const MEMBER = `m-${uniqueSuffix()}`;

describe('gateway over several instances of a service (real database, stand-in instances)', () => {
  let a: DownstreamStub;
  let b: DownstreamStub;
  let others: DownstreamStub[];
  let gw: RunningTestService;
  let admin = '';
  let posKey = '';

  const answer = (stub: DownstreamStub) =>
    stub.on((req) => (req.url.startsWith('/v1/') ? { status: req.method === 'POST' ? 201 : 200, body: { instance: stub.name } } : undefined));
  const call = <T = Record<string, unknown>>(method: string, path: string, init: { token?: string; apiKey?: string; body?: unknown } = {}) =>
    requestJson<T>(`${gw.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.apiKey ? { 'x-api-key': init.apiKey } : {}),
      },
      body: init.body,
    });
  const pointsInstances = () => gw.app.get(DownstreamClient).instances('points');
  const balance = () => call<{ instance: string }>('GET', `/v1/members/${MEMBER}/points/balance`, { token: admin });

  beforeAll(async () => {
    a = answer(await new DownstreamStub('points-a', TEST_INTERNAL_TOKEN).start());
    b = answer(await new DownstreamStub('points-b', TEST_INTERNAL_TOKEN).start());
    others = await Promise.all(['members', 'segments', 'feedback', 'messaging'].map((n) => new DownstreamStub(n, TEST_INTERNAL_TOKEN).start()));
    const [members, segments, feedback, messaging] = others;
    gw = await startTestService(
      gatewayService,
      testEnv(GatewayEnv, 'gateway', {
        GATEWAY_TOKEN_SECRET: 'test-gateway-token-secret-0123456789abcdef',
        BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
        MEMBERS_URL: members.url,
        POINTS_URL: `${a.url},${b.url}`,
        SEGMENTS_URL: segments.url,
        FEEDBACK_URL: feedback.url,
        MESSAGING_URL: messaging.url,
        DOWNSTREAM_PROBE_MS: '100',
        DOWNSTREAM_GET_RETRIES: '0',
      }),
      { consume: false },
    );
    admin = (await call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).body.accessToken;
    expect((await call('POST', '/v1/stores', { token: admin, body: { storeId: STORE, name: 'Store' } })).status).toBe(201);
    posKey = (await call<{ apiKey: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: admin, body: { label: 'Till 1' } })).body.apiKey;
  });

  afterAll(async () => {
    await gw?.close();
    for (const s of [a, b, ...(others ?? [])]) await s?.stop();
  });

  it('spreads calls round-robin over the ready instances', async () => {
    const answered: string[] = [];
    for (let i = 0; i < 6; i++) answered.push((await balance()).body.instance);
    expect(answered.filter((n) => n === 'points-a')).toHaveLength(3);
    expect(answered.filter((n) => n === 'points-b')).toHaveLength(3);
  });

  it('sends nothing to an instance whose readiness fails, and takes it back when it is ready again', async () => {
    b.ready = false;
    await waitUntil(() => pointsInstances().some((i) => i.url === b.url && !i.ready), 5000, 'b out of rotation');
    const before = b.forwardedTo('/v1/').length;
    for (let i = 0; i < 4; i++) expect((await balance()).body.instance).toBe('points-a');
    expect(b.forwardedTo('/v1/').length).toBe(before);

    b.ready = true;
    await waitUntil(() => pointsInstances().every((i) => i.ready), 5000, 'b back in rotation');
    const answered = new Set<string>();
    for (let i = 0; i < 4; i++) answered.add((await balance()).body.instance);
    expect([...answered].sort()).toEqual(['points-a', 'points-b']);
  });

  it('an instance that dies is skipped at once: every call, POST included, is answered by the other', async () => {
    await a.stop();
    for (let i = 0; i < 4; i++) {
      const sale = await call<{ instance: string }>('POST', '/v1/pos/transactions', {
        apiKey: posKey,
        body: { storeId: STORE, transactionId: `t-${i}`, amountMinor: 100 },
      });
      expect(sale.status).toBe(201);
      expect(sale.body.instance).toBe('points-b');
    }
    expect(pointsInstances().find((i) => i.url === a.url)?.ready).toBe(false);
    // For the gateway's readiness the service is up: it still has a ready instance.
    const ready = await requestJson<{ checks: Record<string, { status: string }> }>(`${gw.url}/health/ready`);
    expect(ready.body.checks.points).toMatchObject({ status: 'up' });
  });
});
