import { EventHeaders } from '@app/contracts';
import { ManualClock } from '@app/common';
import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { E2E_ADMIN, startPlatform, type Platform } from './platform-harness';

/**
 * Journeys of the people the platform serves, through the gateway only, with every service real
 * and talking over Kafka: a till crediting a member (retries, races, conflicts, another store's
 * sale), the customer's status, points released after the return window, a reward bought with
 * points and its coupon redeemed at the till, a return after spending, a tier upgrade driven by
 * purchases, and erasure.
 */
describe('loyalty journeys through the gateway', () => {
  const pointsClock = new ManualClock(new Date());
  let p: Platform;
  let reader: TopicReader;
  let admin = '';
  let posKey = '';
  let otherStorePosKey = '';
  const STORE = `e2e-store-${uniqueSuffix()}`;
  const OTHER_STORE = `e2e-other-${uniqueSuffix()}`;

  type Sale = Record<string, unknown>;
  // A till resends the very same body when it retries: the time of a transaction is fixed once.
  const saleTimes = new Map<string, string>();
  const timeOf = (transactionId: string) => saleTimes.get(transactionId) ?? saleTimes.set(transactionId, new Date().toISOString()).get(transactionId)!;
  const sale = (memberId: string, transactionId: string, totalMinor: number, storeId = STORE): Sale => ({
    storeId,
    terminalId: 'till-1',
    transactionId,
    member: { memberId },
    occurredAt: timeOf(transactionId),
    currency: 'CNY',
    lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: totalMinor, discountMinor: 0 }],
    totalMinor,
    tender: 'card',
  });
  interface SaleResult {
    purchaseId: string;
    memberId: string;
    points: { earned: number; pending: number; available: number; rules: unknown[] };
    balance: { available: number; pending: number };
  }

  async function enrol(phone: string): Promise<string> {
    const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: 'Chen Jie',
        phone,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: true, policyVersion: 'privacy-2026-01' }, analytics: { granted: false, policyVersion: 'privacy-2026-01' } },
      },
    });
    expect(r.status).toBe(201);
    return r.body.memberId;
  }

  async function customerToken(memberId: string): Promise<string> {
    const r = await p.call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId } });
    expect(r.status).toBe(200);
    return r.body.accessToken;
  }

  beforeAll(async () => {
    p = await startPlatform({ clocks: { points: pointsClock } });
    reader = await TopicReader.start(['purchase.recorded.v1', 'member.tier.changed.v1', 'member.erased.v1']);
    admin = (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN })).body.accessToken;
    for (const storeId of [STORE, OTHER_STORE]) {
      expect((await p.call('POST', '/v1/stores', { token: admin, body: { storeId, name: storeId } })).status).toBe(201);
    }
    posKey = (await p.call<{ apiKey: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: admin, body: { label: 'till 1' } })).body.apiKey;
    otherStorePosKey = (await p.call<{ apiKey: string }>('POST', `/v1/stores/${OTHER_STORE}/api-keys`, { token: admin, body: { label: 'till 1' } })).body
      .apiKey;
  });

  // Each journey starts with the services' clocks agreeing with the tills' (one journey moves points ahead).
  beforeEach(() => pointsClock.set(new Date()));

  afterAll(async () => {
    await reader?.stop();
    await p?.close();
  });

  it('a till credits a member exactly once: retries replay, races credit once, a changed body is a conflict, another store is refused', async () => {
    const memberId = await enrol(`139${String(Date.now()).slice(-8)}`);
    // Enrolled a moment ago: points confirms the member with the members service if its projection lags.
    const first = await p.call<SaleResult>('POST', '/v1/pos/transactions', {
      apiKey: posKey,
      body: sale(memberId, 'T-1', 12345),
      headers: { 'x-correlation-id': 'corr-e2e-sale-0001' },
    });
    expect(first.status).toBe(201);
    expect(first.body.points.earned).toBeGreaterThan(0);
    expect(first.body.points.rules.length).toBeGreaterThan(0);

    const retry = await p.call<SaleResult>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, 'T-1', 12345) });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);

    const conflict = await p.call<{ code: string }>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, 'T-1', 99999) });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('POS.DUPLICATE_TRANSACTION_CONFLICT');

    const racing = await Promise.all(
      Array.from({ length: 6 }, () => p.call<SaleResult>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, 'T-2', 5000) })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const earnedT2 = racing.find((r) => r.status === 201)!.body.points.earned;

    const foreign = await p.call<{ code: string }>('POST', '/v1/pos/transactions', { apiKey: otherStorePosKey, body: sale(memberId, 'T-3', 5000, STORE) });
    expect(foreign.status).toBe(403);

    const token = await customerToken(memberId);
    const status = await p.call<{ points: { pending: number; available: number } }>('GET', '/v1/me/status', { token });
    expect(status.status).toBe(200);
    expect(status.body.points.pending).toBe(first.body.points.earned + earnedT2);

    // purchase.recorded carries the request's correlation id and no personal data.
    const event = await reader.waitFor(
      (m) => m.topic === 'purchase.recorded.v1' && m.json<{ payload: { purchaseId: string } }>().payload.purchaseId === first.body.purchaseId,
    );
    expect(event.headers[EventHeaders.correlationId]).toBe('corr-e2e-sale-0001');
    expect(event.key).toBe(memberId);
    expect(event.value).not.toMatch(/Chen Jie|139\d{8}/);
  });

  it('after the return window points become available, buy a reward, the till redeems its coupon once, and a return after spending goes negative', async () => {
    const memberId = await enrol(`137${String(Date.now()).slice(-8)}`);
    const token = await customerToken(memberId);
    const bought = await p.call<SaleResult>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, 'R-1', 100000) });
    expect(bought.status).toBe(201);
    const earned = bought.body.points.earned;
    expect(bought.body.points.pending).toBe(earned);

    pointsClock.advance(15 * 86_400_000); // past the 14-day return window
    expect((await p.call('POST', '/v1/points/jobs/run', { token: admin })).status).toBeLessThan(300);
    const balance = await p.call<{ available: number; pending: number }>('GET', `/v1/members/${memberId}/points/balance`, { token });
    expect(balance.body).toMatchObject({ available: earned, pending: 0 });

    const rewardId = `coffee-${uniqueSuffix()}`;
    expect((await p.call('POST', '/v1/rewards', { token: admin, body: { rewardId, name: 'Free coffee', pointsCost: earned - 100 } })).status).toBe(201);
    const coupon = await p.call<{ code: string; state: string }>('POST', `/v1/members/${memberId}/rewards/${rewardId}/redeem`, {
      token,
      body: { requestId: 'buy-1' },
    });
    expect(coupon.status).toBe(201);
    expect(coupon.body.state).toBe('issued');

    const atTill = () =>
      p.call<{ state: string }>('POST', `/v1/pos/coupons/${coupon.body.code}/redeem`, { apiKey: posKey, body: { storeId: STORE, transactionId: 'C-1' } });
    const redeemed = await atTill();
    expect(redeemed.status).toBeLessThan(300);
    expect(redeemed.body.state).toBe('redeemed');
    const again = await atTill();
    expect(again.status).toBeLessThan(300);
    expect(again.body).toEqual(redeemed.body);

    // The whole sale comes back: its points are reversed although 100 are left, so the balance goes negative.
    const ret = await p.call('POST', '/v1/pos/returns', {
      apiKey: posKey,
      body: {
        storeId: STORE,
        terminalId: 'till-1',
        transactionId: 'RET-1',
        original: { storeId: STORE, transactionId: 'R-1' },
        occurredAt: pointsClock.now().toISOString(),
        currency: 'CNY',
        refundMinor: 100000,
      },
    });
    expect(ret.status).toBe(201);
    const after = await p.call<{ available: number }>('GET', `/v1/members/${memberId}/points/balance`, { token });
    expect(after.body.available).toBe(100 - earned);
    const reconciliation = await p.call<{ drifted: number }>('GET', '/v1/points/reconciliation', { token: admin });
    expect(reconciliation.body.drifted).toBe(0);
  });

  it('purchases push a member across a tier threshold within seconds, the next sale earns the tier multiplier, and a return pulls the qualifying spend back', async () => {
    const memberId = await enrol(`136${String(Date.now()).slice(-8)}`);
    const token = await customerToken(memberId);
    const base = await p.call<SaleResult>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, 'TIER-0', 10000) });
    expect(base.status).toBe(201);
    const big = await p.call<SaleResult>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, 'TIER-1', 250000) });
    expect(big.status).toBe(201);

    let last: unknown;
    const upgraded = await waitUntil(
      async () => {
        const s = await p.call<{ membership: { tier: { code: string }; qualifyingSpendMinor: number } }>('GET', '/v1/me/status', { token });
        last = s.body;
        return s.body.membership?.tier?.code === 'silver' ? s : null;
      },
      20000,
      'the silver tier in the membership status',
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}; last status: ${JSON.stringify(last)}`);
    });
    expect(upgraded.body.membership.qualifyingSpendMinor).toBe(260000);
    const changed = await reader.waitFor((m) => m.topic === 'member.tier.changed.v1' && m.key === memberId);
    expect(changed.json<{ payload: { toTier: string; earnMultiplierPercent: number } }>().payload).toMatchObject({
      toTier: 'silver',
      earnMultiplierPercent: 120,
    });

    // Points hears of the new tier through Kafka; the same basket then earns more.
    let extraSales = 0;
    const multiplied = await waitUntil(
      async () => {
        extraSales += 1;
        const r = await p.call<SaleResult>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, `TIER-2-${uniqueSuffix()}`, 10000) });
        return r.body.points.earned > base.body.points.earned ? r : null;
      },
      20000,
      'a sale earning the silver multiplier',
    );
    expect(multiplied.body.points.earned).toBe(Math.floor(base.body.points.earned * 1.2));

    const spendOf = async () =>
      (await p.call<{ membership: { qualifyingSpendMinor: number } }>('GET', `/v1/members/${memberId}/status`, { token: admin })).body.membership
        ?.qualifyingSpendMinor;
    const beforeReturn = 260000 + extraSales * 10000;
    await waitUntil(async () => (await spendOf()) === beforeReturn, 20000, 'every sale counted towards the tier');
    const ret = await p.call('POST', '/v1/pos/returns', {
      apiKey: posKey,
      body: {
        storeId: STORE,
        terminalId: 'till-1',
        transactionId: 'TIER-RET',
        original: { storeId: STORE, transactionId: 'TIER-1' },
        occurredAt: new Date().toISOString(),
        currency: 'CNY',
        refundMinor: 100000,
      },
    });
    expect(ret.status).toBe(201);
    await waitUntil(async () => (await spendOf()) === beforeReturn - 100000, 20000, 'the qualifying spend reduced by the return');
  });

  it('an erased member is unreadable in the members database and forgotten by points', async () => {
    const phone = `135${String(Date.now()).slice(-8)}`;
    const memberId = await enrol(phone);
    const token = await customerToken(memberId);
    expect((await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, `E-1`, 5000) })).status).toBe(201);

    const erased = await p.call('POST', `/v1/members/${memberId}/erasure`, { token });
    expect(erased.status).toBeLessThan(300);
    await reader.waitFor((m) => m.topic === 'member.erased.v1' && m.key === memberId);

    const raw = await p.services.members.connection.collection('members').findOne({ _id: memberId as never });
    expect(JSON.stringify(raw)).not.toContain(phone);
    expect(JSON.stringify(raw)).not.toContain('Chen Jie');
    expect((await p.call('GET', `/v1/members/resolve?phone=${phone}`, { token: admin })).status).toBe(404);
    // Points no longer credits the pseudonymous id.
    await waitUntil(
      async () => {
        const r = await p.call<{ code: string }>('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale(memberId, `E-2-${uniqueSuffix()}`, 5000) });
        return r.status === 422 && r.body.code === 'POS.MEMBER_UNKNOWN';
      },
      20000,
      'points forgetting the erased member',
    );
  });
});
