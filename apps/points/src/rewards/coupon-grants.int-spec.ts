import { randomUUID } from 'node:crypto';
import { EventFactory, toKafkaMessage } from '@app/common';
import type { CouponGrantRequestedV1 } from '@app/contracts';
import { produceRaw, testActors, TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { call, enrol, publish, startPoints, type PointsHarness } from '../testing/points-test-kit';
import { LEDGER_ENTRY_MODEL } from '../ledger/ledger.schema';

/** Coupons granted by other services (coupon.grant.requested.v1) against the real broker and database. */
describe('points: coupon grants by event (real Kafka + database)', () => {
  let h: PointsHarness;
  let reader: TopicReader;
  let rewardId: string;
  type Coupon = { couponId: string; code: string; state: string; pointsCost: number; rewardId: string; expiresAt: string };
  type Envelope<P> = { id: string; payload: P };

  const grantOf = (memberId: string, over: Partial<CouponGrantRequestedV1> = {}): CouponGrantRequestedV1 => ({
    grantId: `fb-${randomUUID()}`,
    memberId,
    rewardId,
    source: 'feedback',
    reasonCode: 'complaint_resolution',
    sourceRef: `case-${uniqueSuffix()}`,
    requestedAt: h.clock.now().toISOString(),
    ...over,
  });
  const couponsOf = async (memberId: string) =>
    (await call<{ items: Coupon[] }>(h.svc, testActors.customer(memberId), 'GET', `/v1/members/${memberId}/coupons`)).body.items;
  const handled = (eventIds: string[]) =>
    waitUntil(
      async () =>
        (await h.svc.connection.model('ProcessedEvent').countDocuments({ consumer: 'points-coupon-grant', eventId: { $in: eventIds } })) === eventIds.length,
      30000,
      'grant events handled',
    );
  const outcomes = (topic: string, grantId: string) =>
    reader.messages.filter((m) => m.topic === topic && m.json<Envelope<{ grantId: string }>>().payload.grantId === grantId);

  beforeAll(async () => {
    h = await startPoints('2026-03-01T12:00:00.000Z');
    reader = await TopicReader.start(['coupon.granted.v1', 'coupon.grant.refused.v1', 'coupon.issued.v1']);
    rewardId = `apology-${uniqueSuffix()}`;
    expect(
      (await call(h.svc, testActors.admin(), 'POST', '/v1/rewards', { rewardId, name: 'Apology coffee', pointsCost: 300, couponValidityDays: 14 })).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('a grant sent twice (two events, one grant id) issues one coupon, free of points, announced once', async () => {
    const memberId = await enrol(h.svc);
    const grant = grantOf(memberId);
    await handled([await publish(h.svc, 'coupon.grant.requested.v1', grant), await publish(h.svc, 'coupon.grant.requested.v1', grant)]);
    const coupons = await couponsOf(memberId);
    expect(coupons).toEqual([expect.objectContaining({ rewardId, pointsCost: 0, state: 'issued', expiresAt: '2026-03-15T12:00:00.000Z' })]);
    const granted = await reader.waitFor((m) => m.topic === 'coupon.granted.v1' && m.json<Envelope<{ grantId: string }>>().payload.grantId === grant.grantId);
    expect(granted.json<Envelope<Record<string, unknown>>>().payload).toMatchObject({
      couponId: coupons[0].couponId,
      memberId,
      source: 'feedback',
      sourceRef: grant.sourceRef,
    });
    expect(granted.value).not.toContain(coupons[0].code);
    await reader.waitFor((m) => m.topic === 'coupon.issued.v1' && m.key === memberId);
    expect(outcomes('coupon.granted.v1', grant.grantId)).toHaveLength(1);
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ memberId })).toBe(0);
  });

  it('a redelivered event (same envelope) is handled once', async () => {
    const memberId = await enrol(h.svc);
    const event = h.svc.app.get(EventFactory).create('coupon.grant.requested.v1', grantOf(memberId));
    await produceRaw('coupon.grant.requested.v1', [toKafkaMessage(event)]);
    await produceRaw('coupon.grant.requested.v1', [toKafkaMessage(event)]);
    await handled([event.id]);
    await reader.waitFor((m) => m.topic === 'coupon.granted.v1' && m.key === memberId);
    expect(await couponsOf(memberId)).toHaveLength(1);
  });

  it('cancelling a granted coupon gives back no points', async () => {
    const memberId = await enrol(h.svc);
    await handled([await publish(h.svc, 'coupon.grant.requested.v1', grantOf(memberId))]);
    const [coupon] = await couponsOf(memberId);
    const cancelled = await call<Coupon>(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/coupons/${coupon.couponId}/cancel`);
    expect(cancelled.status).toBe(201);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ memberId })).toBe(0);
  });

  it('an unknown reward is refused once and for good: a re-sent grant issues nothing even once the reward exists', async () => {
    const memberId = await enrol(h.svc);
    const missing = `later-${uniqueSuffix()}`;
    const grant = grantOf(memberId, { rewardId: missing });
    await handled([await publish(h.svc, 'coupon.grant.requested.v1', grant)]);
    const refused = await reader.waitFor(
      (m) => m.topic === 'coupon.grant.refused.v1' && m.json<Envelope<{ grantId: string }>>().payload.grantId === grant.grantId,
    );
    expect(refused.json<Envelope<Record<string, unknown>>>().payload).toMatchObject({
      reason: 'reward_not_found',
      memberId,
      rewardId: missing,
      source: 'feedback',
    });
    expect(await h.svc.connection.model('PointsCouponGrantRefusal').findById(grant.grantId).lean()).toMatchObject({ reason: 'reward_not_found', memberId });

    expect((await call(h.svc, testActors.admin(), 'POST', '/v1/rewards', { rewardId: missing, name: 'Late', pointsCost: 10 })).status).toBe(201);
    await handled([await publish(h.svc, 'coupon.grant.requested.v1', grant)]);
    expect(await couponsOf(memberId)).toEqual([]);
    expect(outcomes('coupon.grant.refused.v1', grant.grantId)).toHaveLength(1);
  });

  it('an erased member is refused, nothing issued', async () => {
    const memberId = await enrol(h.svc);
    await publish(h.svc, 'member.erased.v1', { memberId, erasedAt: h.clock.now().toISOString() });
    await waitUntil(
      async () => (await h.svc.connection.model('PointsMemberRef').findById(memberId).lean<{ erased: boolean }>())?.erased === true,
      30000,
      'erasure projected',
    );
    const grant = grantOf(memberId);
    await handled([await publish(h.svc, 'coupon.grant.requested.v1', grant)]);
    const refused = await reader.waitFor(
      (m) => m.topic === 'coupon.grant.refused.v1' && m.json<Envelope<{ grantId: string }>>().payload.grantId === grant.grantId,
    );
    expect(refused.json<Envelope<Record<string, unknown>>>().payload).toMatchObject({ reason: 'member_erased' });
    expect(await h.svc.connection.model('PointsCoupon').countDocuments({ memberId })).toBe(0);
  });
});
