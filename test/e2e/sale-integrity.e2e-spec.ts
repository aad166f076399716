import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { E2E_ADMIN, startPlatform, type Platform } from './platform-harness';

/**
 * Sale integrity through the gateway with every service real: a sale that cannot be believed
 * (the forged total, an unknown currency, a 1999 date) is refused and leaves no effect
 * anywhere (points balance, the tier's qualifying spend in members, events); a phone number in
 * the form enrolment accepted is accepted at the till and in lookups.
 */
describe('sale integrity: refused sales leave no effect, one identifier normalisation', () => {
  let p: Platform;
  let reader: TopicReader;
  let admin = '';
  let posKey = '';
  const STORE = `integrity-store-${uniqueSuffix()}`;
  const digits = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

  const sale = (member: Record<string, string>, over: Record<string, unknown> = {}) => ({
    storeId: STORE,
    terminalId: 'till-1',
    transactionId: `T-${uniqueSuffix()}`,
    member,
    occurredAt: new Date().toISOString(),
    currency: 'CNY',
    lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: 1000, discountMinor: 0 }],
    totalMinor: 1000,
    tender: 'card',
    ...over,
  });

  beforeAll(async () => {
    p = await startPlatform();
    reader = await TopicReader.start(['purchase.recorded.v1', 'points.earned.v1']);
    admin = (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN })).body.accessToken;
    expect((await p.call('POST', '/v1/stores', { token: admin, body: { storeId: STORE, name: STORE } })).status).toBe(201);
    posKey = (await p.call<{ apiKey: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: admin, body: { label: 'till 1' } })).body.apiKey;
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await p?.close();
  });

  it('forged total, unknown currency and a 1999 date are refused; only the honest sale reaches the balance, the tier spend and the events', async () => {
    const local = digits();
    const spaced = `+86 139 ${local.slice(0, 4)} ${local.slice(4)}`;
    let enrolled = await p.call<{ memberId: string; cardNumber: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: 'Li Lei',
        phone: spaced,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: false, policyVersion: 'privacy-2026-01' } },
      },
    });
    // A missing consent is a 400 naming it, never a 500.
    expect(enrolled.status).toBe(400);
    expect(enrolled.body).toMatchObject({ errors: [expect.objectContaining({ field: 'consents.analytics' })] });
    enrolled = await p.call<{ memberId: string; cardNumber: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: 'Li Lei',
        phone: spaced,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: false, policyVersion: 'privacy-2026-01' }, analytics: { granted: false, policyVersion: 'privacy-2026-01' } },
      },
    });
    expect(enrolled.status).toBe(201);
    const { memberId } = enrolled.body;

    // The phone as written at enrolment is accepted at the till (the points projection may lag: the
    // phone is resolved by members, so the sale is credited at once).
    const refused = [
      [sale({ phone: spaced }, { totalMinor: 1_000_000 }), 'POS.TOTAL_MISMATCH'],
      [sale({ phone: spaced }, { currency: 'XYZ' }), 'POS.CURRENCY_NOT_ACCEPTED'],
      [sale({ phone: spaced }, { occurredAt: '1999-06-01T10:00:00.000Z' }), 'POS.OCCURRED_AT_TOO_OLD'],
      [sale({ phone: spaced }, { tender: [{ type: 'card', amountMinor: 500 }] }), 'POS.TENDER_MISMATCH'],
    ] as const;
    for (const [body, code] of refused) {
      const res = await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body });
      expect({ code, status: res.status }).toEqual({ code, status: 422 });
      expect(res.body).toMatchObject({ code });
    }

    const honest = sale({ phone: spaced });
    const ok = await p.call<{ memberId: string; points: { earned: number } }>('POST', '/v1/pos/transactions', { apiKey: posKey, body: honest });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ memberId, points: { earned: 10 } });

    const spendOf = async () =>
      (await p.call<{ membership: { qualifyingSpendMinor: number; tier: { code: string } } }>('GET', `/v1/members/${memberId}/status`, { token: admin })).body
        .membership;
    await waitUntil(async () => (await spendOf())?.qualifyingSpendMinor === 1000, 20000, 'the honest sale counted towards the tier');
    await reader.waitFor((m) => m.topic === 'points.earned.v1' && m.key === memberId);
    expect(await spendOf()).toMatchObject({ qualifyingSpendMinor: 1000, tier: { code: 'regular' } });
    const balance = await p.call('GET', `/v1/members/${memberId}/points/balance`, { token: admin });
    expect(balance.body).toMatchObject({ available: 0, pending: 10 });
    const published = reader.messages
      .filter((m) => m.key === memberId)
      .map((m) => `${m.topic} ${m.json<{ payload: { purchaseId: string } }>().payload.purchaseId}`);
    expect(published.sort()).toEqual([`points.earned.v1 ${STORE}:${honest.transactionId}`, `purchase.recorded.v1 ${STORE}:${honest.transactionId}`]);

    // Every lookup takes the same forms: staff lookup by phone as written, the till by card as printed.
    const found = await p.call<{ memberId: string }>('GET', `/v1/members/resolve?phone=${encodeURIComponent(spaced)}`, { token: admin });
    expect(found.body).toMatchObject({ memberId });
    const printed = enrolled.body.cardNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
    const byCard = await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale({ cardNumber: printed }) });
    expect(byCard.status).toBe(201);
    expect(byCard.body).toMatchObject({ memberId });
  });

  it('a basket far above the store usual is held: no points, no tier spend until staff release it through the gateway', async () => {
    const enrol = async () => {
      const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
        apiKey: posKey,
        body: {
          channel: 'store',
          name: 'Zhao Min',
          phone: `+86 137 ${digits()}`,
          preferredStoreId: STORE,
          memberClass: 'regular',
          consents: { marketing: { granted: false, policyVersion: 'privacy-2026-01' }, analytics: { granted: false, policyVersion: 'privacy-2026-01' } },
        },
      });
      expect(r.status).toBe(201);
      return r.body.memberId;
    };
    const regular = await enrol();
    // The store's usual basket: 20 sales (the default minimum history) around 10.00.
    for (let i = 0; i < 20; i++) expect((await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body: sale({ memberId: regular }) })).status).toBe(201);

    const buyer = await enrol();
    const big = sale(
      { memberId: buyer },
      { lines: [{ sku: 'TV', category: 'electronics', quantity: 1, unitPriceMinor: 500_000, discountMinor: 0 }], totalMinor: 500_000 },
    );
    const held = await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body: big });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ points: { earned: 5000, status: 'held' }, hold: { reason: 'basket_anomaly' } });
    const purchaseId = `${STORE}:${big.transactionId}`;

    const queue = await p.call<{ items: Array<{ purchaseId: string }> }>('GET', `/v1/points/holds?storeId=${STORE}`, { token: admin });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => i.purchaseId)).toEqual([purchaseId]);
    expect((await p.call('GET', `/v1/points/holds?storeId=${STORE}`, { apiKey: posKey })).status).toBe(403);
    const statusOf = async () =>
      (await p.call<{ membership: { qualifyingSpendMinor: number } }>('GET', `/v1/members/${buyer}/status`, { token: admin })).body.membership;
    expect(await statusOf()).toMatchObject({ qualifyingSpendMinor: 0 });
    expect((await p.call('GET', `/v1/members/${buyer}/points/balance`, { token: admin })).body).toMatchObject({ available: 0, pending: 0 });

    const released = await p.call('POST', `/v1/points/holds/${purchaseId}/release`, { token: admin, body: { note: 'checked with the store' } });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', pointsCredited: 5000, balance: { pending: 5000 } });
    await waitUntil(async () => (await statusOf())?.qualifyingSpendMinor === 500_000, 20000, 'the released sale counted towards the tier');
  });
});
