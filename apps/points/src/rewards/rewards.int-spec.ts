import { testActors, TopicReader, uniqueSuffix } from '@app/testing';
import { call, DAY, enrol, startPoints, type PointsHarness } from '../testing/points-test-kit';

/** Rewards and coupons against the real broker and database. */
describe('points: rewards and coupons (real Kafka + database)', () => {
  let h: PointsHarness;
  let reader: TopicReader;
  const admin = testActors.admin();
  const pos = testActors.pos('store-1');
  type Coupon = { couponId: string; code: string; state: string; pointsCost: number; expiresAt: string };

  const fund = (memberId: string, points: number) =>
    call(h.svc, admin, 'POST', `/v1/members/${memberId}/points/adjustments`, { adjustmentId: `fund-${uniqueSuffix()}`, points, reasonCode: 'test_seed' });
  const available = async (memberId: string) =>
    (await call<{ available: number }>(h.svc, admin, 'GET', `/v1/members/${memberId}/points/balance`)).body.available;
  const buy = (memberId: string, rewardId: string, requestId: string) =>
    call<Coupon>(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/rewards/${rewardId}/redeem`, { requestId });
  const useAtTill = (code: string, body: Record<string, unknown>, actor = pos) => call<Coupon>(h.svc, actor, 'POST', `/v1/pos/coupons/${code}/redeem`, body);

  let rewardId: string;

  beforeAll(async () => {
    h = await startPoints('2026-03-01T12:00:00.000Z');
    reader = await TopicReader.start(['coupon.issued.v1', 'coupon.redeemed.v1']);
    rewardId = `coffee-${uniqueSuffix()}`;
    const created = await call(h.svc, { id: 'mkt-1', role: 'marketing', storeIds: [] }, 'POST', '/v1/rewards', {
      rewardId,
      name: 'Free coffee',
      pointsCost: 300,
      couponValidityDays: 30,
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('buys a coupon with points once per request id, with an unguessable code, and lists it', async () => {
    const memberId = await enrol(h.svc);
    await fund(memberId, 1000);
    const first = await buy(memberId, rewardId, 'req-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ state: 'issued', pointsCost: 300, expiresAt: '2026-03-31T12:00:00.000Z' });
    expect(first.body.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const retry = await buy(memberId, rewardId, 'req-1');
    expect(retry.status).toBe(200);
    expect(retry.body.code).toBe(first.body.code);
    expect(await available(memberId)).toBe(700);
    const other = await buy(memberId, rewardId, 'req-2');
    expect(other.body.code).not.toBe(first.body.code);
    const list = await call<{ items: Coupon[] }>(h.svc, testActors.customer(memberId), 'GET', `/v1/members/${memberId}/coupons`);
    expect(list.body.items.map((c) => c.couponId).sort()).toEqual([first.body.couponId, other.body.couponId].sort());
    expect((await call(h.svc, testActors.customer('someone-else'), 'GET', `/v1/members/${memberId}/coupons`)).status).toBe(403);
    const issued = await reader.waitFor((m) => m.topic === 'coupon.issued.v1' && m.key === memberId);
    expect(issued.value).not.toContain(first.body.code);
  });

  it('concurrent purchases cannot overdraw the balance', async () => {
    const memberId = await enrol(h.svc);
    await fund(memberId, 700);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => buy(memberId, rewardId, `race-${i}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 422)).toHaveLength(4);
    expect(await available(memberId)).toBe(100);
  });

  it('a till redeems a coupon once; a retry of the same sale answers again; others are refused', async () => {
    const memberId = await enrol(h.svc);
    await fund(memberId, 300);
    const coupon = (await buy(memberId, rewardId, 'till')).body;
    const used = await useAtTill(coupon.code, { storeId: 'store-1', transactionId: 'T-1' });
    expect(used.status).toBe(201);
    expect(used.body).toMatchObject({ state: 'redeemed' });
    expect((await useAtTill(coupon.code, { storeId: 'store-1', transactionId: 'T-1' })).status).toBe(200);
    const again = await useAtTill(coupon.code, { storeId: 'store-1', transactionId: 'T-2' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'COUPON.ALREADY_REDEEMED' });
    expect((await useAtTill(coupon.code, { storeId: 'store-2' })).status).toBe(403);
    expect((await useAtTill('0000-0000-0000-0000', { storeId: 'store-1' })).body).toMatchObject({ code: 'COUPON.NOT_FOUND' });
    expect((await useAtTill('not-a-code', { storeId: 'store-1' })).status).toBe(400);
    // A redeemed coupon cannot be cancelled for points.
    expect((await call(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/coupons/${coupon.couponId}/cancel`)).status).toBe(409);
    await reader.waitFor((m) => m.topic === 'coupon.redeemed.v1' && m.key === memberId);
  });

  it('cancelling refunds the points once; an expired coupon is refused at the till', async () => {
    const memberId = await enrol(h.svc);
    await fund(memberId, 600);
    const a = (await buy(memberId, rewardId, 'a')).body;
    const b = (await buy(memberId, rewardId, 'b')).body;
    expect(await available(memberId)).toBe(0);
    const cancel = () => call<Coupon>(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/coupons/${a.couponId}/cancel`);
    const results = await Promise.all([cancel(), cancel(), cancel()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await available(memberId)).toBe(300);
    expect((await useAtTill(a.code, { storeId: 'store-1' })).body).toMatchObject({ code: 'COUPON.CANCELLED' });

    h.clock.advance(31 * DAY);
    const late = await useAtTill(b.code, { storeId: 'store-1' });
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'COUPON.EXPIRED' });
    const list = await call<{ items: Coupon[] }>(h.svc, testActors.customer(memberId), 'GET', `/v1/members/${memberId}/coupons`);
    expect(list.body.items.find((c) => c.couponId === b.couponId)).toMatchObject({ state: 'expired' });
    h.clock.set('2026-03-01T12:00:00.000Z');
  });

  it('the catalogue: marketing creates, customers list active rewards; duplicates are 409', async () => {
    const listed = await call<Array<{ rewardId: string }>>(h.svc, testActors.customer('m-x'), 'GET', '/v1/rewards');
    expect(listed.body.some((r) => r.rewardId === rewardId)).toBe(true);
    expect((await call(h.svc, admin, 'POST', '/v1/rewards', { rewardId, name: 'Again', pointsCost: 1 })).status).toBe(409);
    expect((await call(h.svc, testActors.customer('m-x'), 'POST', '/v1/rewards', { rewardId: 'r2', name: 'x', pointsCost: 1 })).status).toBe(403);
    expect((await call(h.svc, admin, 'POST', '/v1/rewards', { rewardId: 'r3', name: 'x', pointsCost: 0 })).body).toMatchObject({
      errors: [{ field: 'pointsCost', rule: 'min' }],
    });
  });
});
