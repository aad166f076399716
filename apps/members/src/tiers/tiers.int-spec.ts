import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import type { PurchaseRecordedV1, PurchaseReturnedV1 } from '@app/contracts';
import { EventFactory, ManualClock, toKafkaMessage } from '@app/common';
import { asActor, produceRaw, requestJson, startTestService, testActors, TopicReader, waitUntil, type RunningTestService } from '@app/testing';
import { membersService } from '../members.service-descriptor';
import { enrolBody, membersTestEnv, type Envelope } from '../testing/members.test-env';
import type { MemberResponse } from '../members/dto/member.response';
import type { TierStatusResponse } from './dto/tier-status.dto';

interface Problem {
  code: string;
  errors?: Array<{ field: string; rule: string }>;
}

/** Tier qualification from real purchase events, returns, redelivery, review with grace, config and overrides. */
describe('tiers (real Kafka + database)', () => {
  let svc: RunningTestService;
  let reader: TopicReader;
  const clock = new ManualClock('2026-03-01T00:00:00Z');
  const admin = asActor(testActors.admin());
  const pos = asActor(testActors.pos('store-1'));

  const enrol = async () => (await requestJson<MemberResponse>(`${svc.url}/v1/members`, { headers: pos, body: enrolBody() })).body.memberId;
  const status = async (memberId: string) => (await requestJson<TierStatusResponse>(`${svc.url}/v1/members/${memberId}/tier-status`, { headers: admin })).body;
  const spendIs = (memberId: string, minor: number) =>
    waitUntil(async () => ((await status(memberId)).qualifyingSpendMinor === minor ? true : null), 20000, `qualifying spend ${minor}`);

  /** Envelopes as the points service publishes them (source points, key member id). */
  function purchase(memberId: string, amountMinor: number, purchaseId = `p-${randomUUID()}`, occurredAt = clock.now().toISOString()): Message {
    const payload: PurchaseRecordedV1 = {
      purchaseId,
      memberId,
      storeId: 'store-1',
      amountMinor,
      currency: 'CNY',
      categories: [{ category: 'grocery', amountMinor }],
      occurredAt,
    };
    return toKafkaMessage({ ...svc.app.get(EventFactory).create('purchase.recorded.v1', payload), source: 'points' });
  }
  function returned(memberId: string, purchaseId: string, amountMinor: number): Message {
    const payload: PurchaseReturnedV1 = {
      returnId: `r-${randomUUID()}`,
      purchaseId,
      memberId,
      storeId: 'store-1',
      amountMinor,
      currency: 'CNY',
      categories: [{ category: 'grocery', amountMinor }],
      occurredAt: clock.now().toISOString(),
    };
    return toKafkaMessage({ ...svc.app.get(EventFactory).create('purchase.returned.v1', payload), source: 'points' });
  }
  const tierChanged = (memberId: string, toTier: string, reason: string) =>
    reader.waitFor(
      (m) =>
        m.topic === 'member.tier.changed.v1' &&
        m.key === memberId &&
        m.json<Envelope>().payload.toTier === toTier &&
        m.json<Envelope>().payload.reason === reason,
    );

  beforeAll(async () => {
    svc = await startTestService(membersService, membersTestEnv({ MEMBERS_TIER_GRACE_DAYS: '30' }), { clock });
    reader = await TopicReader.start(['member.tier.changed.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await svc?.close();
  });

  it('purchases push a member across a threshold within seconds; redelivered events count once; tier-status shows progress', async () => {
    const memberId = await enrol();
    const p1 = purchase(memberId, 150_000);
    await produceRaw('purchase.recorded.v1', [p1]);
    await spendIs(memberId, 150_000);
    const before = await status(memberId);
    expect(before).toMatchObject({
      memberId,
      tier: { code: 'regular', name: 'Regular' },
      nextTier: { code: 'silver', remainingMinor: 50_000, currency: 'CNY', deadline: '2027-03-01T00:00:00.000Z' },
      reviewDate: '2027-03-01T00:00:00.000Z',
    });

    const p2 = purchase(memberId, 100_000, 'p2-' + memberId);
    const started = Date.now();
    await produceRaw('purchase.recorded.v1', [p2]);
    const changed = await tierChanged(memberId, 'silver', 'qualified');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(changed.json<Envelope>().payload).toEqual({
      memberId,
      fromTier: 'regular',
      toTier: 'silver',
      reason: 'qualified',
      earnMultiplierPercent: 120,
      changedAt: '2026-03-01T00:00:00.000Z',
    });

    // The same envelopes again, and the same sale under a new event id (a retried upload): no effect.
    await produceRaw('purchase.recorded.v1', [p1, p2, purchase(memberId, 100_000, 'p2-' + memberId)]);
    await produceRaw('purchase.recorded.v1', [purchase(memberId, 1)]); // sentinel behind them on the same partition
    await spendIs(memberId, 250_001);
    const after = await status(memberId);
    expect(after).toMatchObject({
      tier: { code: 'silver', benefits: { earnMultiplierPercent: 120, memberDayDiscountPercent: 5 } },
      nextTier: { code: 'gold', remainingMinor: 249_999 },
      qualifyingSpendMinor: 250_001,
    });
    expect(reader.messages.filter((m) => m.key === memberId && m.topic === 'member.tier.changed.v1')).toHaveLength(1);
    const resolved = await requestJson(
      `${svc.url}/v1/members/resolve?cardNumber=${(await requestJson<MemberResponse>(`${svc.url}/v1/members/${memberId}`, { headers: admin })).body.cardNumber}`,
      { headers: pos },
    );
    expect(resolved.body).toEqual({ memberId, tier: 'silver' });
  });

  it('a return pulls the qualifying total back (once) and takes back a tier it no longer supports', async () => {
    const memberId = await enrol();
    await produceRaw('purchase.recorded.v1', [purchase(memberId, 120_000, `a-${memberId}`), purchase(memberId, 100_000, `b-${memberId}`)]);
    await tierChanged(memberId, 'silver', 'qualified');
    const ret = returned(memberId, `b-${memberId}`, 60_000);
    await produceRaw('purchase.returned.v1', [ret]);
    await spendIs(memberId, 160_000);
    const down = await tierChanged(memberId, 'regular', 'return_adjustment');
    expect(down.json<Envelope>().payload).toMatchObject({ fromTier: 'silver', earnMultiplierPercent: 100 });
    await produceRaw('purchase.returned.v1', [ret]);
    await produceRaw('purchase.returned.v1', [returned(memberId, `a-${memberId}`, 1)]);
    await spendIs(memberId, 159_999);
    const history = await requestJson<{ items: Array<{ reason: string; to: string }> }>(`${svc.url}/v1/members/${memberId}/tier-history`, {
      headers: asActor(testActors.customer(memberId)),
    });
    expect(history.body.items.map((h) => `${h.reason}:${h.to}`)).toEqual(['enrolment:regular', 'qualified:silver', 'return_adjustment:regular']);
  });

  it('a redelivered purchase counts once: at once, after a crash between storing and counting it, and long after (its key settled)', async () => {
    const memberId = await enrol();
    const first = purchase(memberId, 1_000, `first-${memberId}`);
    await produceRaw('purchase.recorded.v1', [first, first]);
    await spendIs(memberId, 1_000);

    // A crash after the spend row was stored but before it was counted: the redelivery counts it.
    const crashedId = `crashed-${memberId}`;
    await svc.connection.collection('qualifying_spend').insertOne({
      _id: `purchase:${crashedId}` as never,
      memberId,
      kind: 'purchase',
      purchaseId: crashedId,
      amountMinor: 500,
      currency: 'CNY',
      countsAt: clock.now(),
      eventId: randomUUID(),
      recordedAt: clock.now(),
    });
    await produceRaw('purchase.recorded.v1', [purchase(memberId, 500, crashedId)]);
    await spendIs(memberId, 1_500);

    // Enough later purchases that the first one's key has left the member's guard list (rows settled).
    await produceRaw(
      'purchase.recorded.v1',
      Array.from({ length: 40 }, () => purchase(memberId, 10)),
    );
    await spendIs(memberId, 1_900);
    const settled = await svc.connection.collection('qualifying_spend').countDocuments({ memberId, settled: true });
    expect(settled).toBeGreaterThanOrEqual(32);
    await produceRaw('purchase.recorded.v1', [first, purchase(memberId, 1_000, `first-${memberId}`), purchase(memberId, 500, crashedId)]);
    await produceRaw('purchase.recorded.v1', [purchase(memberId, 1)]); // sentinel behind them on the same partition
    await spendIs(memberId, 1_901);
  });

  it('purchases and returns produced at once for one member all count', async () => {
    const memberId = await enrol();
    const ids = Array.from({ length: 20 }, (_, i) => `c${i}-${memberId}`);
    await produceRaw(
      'purchase.recorded.v1',
      ids.map((id) => purchase(memberId, 1_000, id)),
    );
    // Returns travel on another topic, so they are handled in parallel with the purchases.
    await Promise.all([
      produceRaw(
        'purchase.recorded.v1',
        Array.from({ length: 20 }, () => purchase(memberId, 1_000)),
      ),
      produceRaw(
        'purchase.returned.v1',
        ids.slice(0, 5).map((id) => returned(memberId, id, 300)),
      ),
    ]);
    await spendIs(memberId, 40 * 1_000 - 5 * 300);
  });

  it('a purchase older than the window does not count; a return counts on the day of the sale it reverses', async () => {
    const memberId = await enrol();
    await produceRaw('purchase.recorded.v1', [
      purchase(memberId, 7_000, `old-${memberId}`, '2025-02-28T23:00:00Z'), // outside the 12-month window (just)
      purchase(memberId, 9_000, `ancient-${memberId}`, '2024-06-01T10:00:00Z'), // older than any window
      purchase(memberId, 3_000, `edge-${memberId}`, '2025-03-01T23:59:00Z'), // first day of the window: counts for the whole day
      purchase(memberId, 2_000, `now-${memberId}`),
    ]);
    await spendIs(memberId, 5_000);
    // Returning part of the old sale changes nothing now; part of a recent one lowers the total.
    await produceRaw('purchase.returned.v1', [returned(memberId, `old-${memberId}`, 7_000), returned(memberId, `now-${memberId}`, 500)]);
    await spendIs(memberId, 4_500);
    const rows = await svc.connection.collection('qualifying_spend').find({ memberId }).toArray();
    expect(rows).toHaveLength(6); // every purchase and return is on record, counted or not
  });

  it('a member with spend rows from before the day totals gets them built from the rows at the next purchase', async () => {
    const memberId = await enrol();
    const row = (id: string, amountMinor: number, countsAt: string) => ({
      _id: `purchase:${id}` as never,
      memberId,
      kind: 'purchase',
      purchaseId: id,
      amountMinor,
      currency: 'CNY',
      countsAt: new Date(countsAt),
      eventId: randomUUID(),
      recordedAt: new Date(countsAt),
    });
    await svc.connection
      .collection('qualifying_spend')
      .insertMany([row(`l1-${memberId}`, 150_000, '2025-12-01T10:00:00Z'), row(`l2-${memberId}`, 80_000, '2024-01-01T10:00:00Z')]);
    expect((await status(memberId)).qualifyingSpendMinor).toBe(150_000); // summed from the rows
    await produceRaw('purchase.recorded.v1', [purchase(memberId, 60_000), purchase(memberId, 150_000, `l1-${memberId}`)]);
    await tierChanged(memberId, 'silver', 'qualified');
    await spendIs(memberId, 210_000);
  });

  it('tier config: defaults, admin-only change with validation, and a simulation of who would move', async () => {
    const cfg = await requestJson<{ tiers: Array<{ code: string; thresholdMinor: number }>; version: number; qualification: string }>(`${svc.url}/v1/tiers`, {
      headers: admin,
    });
    expect(cfg.body.tiers.map((t) => `${t.code}:${t.thresholdMinor}`)).toEqual(['regular:0', 'silver:200000', 'gold:500000', 'platinum:1000000']);
    expect(cfg.body).toMatchObject({ version: 0, qualification: 'rolling_12_months' });
    const proposal = { tiers: cfg.body.tiers.map((t) => (t.code === 'silver' ? { ...t, thresholdMinor: 150_000 } : t)) };
    const sim = await requestJson<{ up: number; down: number; unchanged: number }>(`${svc.url}/v1/tiers/simulate`, { headers: admin, body: proposal });
    expect(sim.status).toBe(200);
    expect(sim.body.up).toBeGreaterThanOrEqual(1); // the member left at 159 999 would become silver
    expect((await requestJson(`${svc.url}/v1/tiers`, { method: 'PUT', headers: asActor(testActors.agent()), body: proposal })).status).toBe(403);
    const invalid = await requestJson<Problem>(`${svc.url}/v1/tiers`, {
      method: 'PUT',
      headers: admin,
      body: { tiers: proposal.tiers.filter((t) => t.code !== 'regular') },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'tiers', rule: 'lowestThresholdZero' })]);
    const badField = await requestJson<Problem>(`${svc.url}/v1/tiers`, {
      method: 'PUT',
      headers: admin,
      body: { tiers: [{ code: 'x', name: 'X', thresholdMinor: -1 }] },
    });
    expect(badField.status).toBe(400);
    expect(badField.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'tiers[0].thresholdMinor', rule: 'min' })]));
    const saved = await requestJson<{ version: number }>(`${svc.url}/v1/tiers`, { method: 'PUT', headers: admin, body: { tiers: cfg.body.tiers } });
    expect(saved.body.version).toBe(1);
  });

  it('a staff override sets a tier with reason and expiry, audited in the history', async () => {
    const memberId = await enrol();
    const res = await requestJson<TierStatusResponse>(`${svc.url}/v1/members/${memberId}/tier-override`, {
      headers: admin,
      body: { tierCode: 'gold', reason: 'service recovery C-9', expiresAt: '2026-06-01T00:00:00Z' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tier: { code: 'gold' }, overrideExpiresAt: '2026-06-01T00:00:00.000Z' });
    await tierChanged(memberId, 'gold', 'staff_override');
    const history = await requestJson<{ items: Array<{ reason: string; by: string; note?: string }> }>(`${svc.url}/v1/members/${memberId}/tier-history`, {
      headers: admin,
    });
    expect(history.body.items.at(-1)).toMatchObject({ reason: 'staff_override', by: 'staff-admin', note: 'service recovery C-9' });
    const forbidden = await requestJson(`${svc.url}/v1/members/${memberId}/tier-override`, {
      headers: asActor(testActors.agent()),
      body: { tierCode: 'gold', reason: 'x'.repeat(5), expiresAt: '2026-06-01T00:00:00Z' },
    });
    expect(forbidden.status).toBe(403);
    const unknown = await requestJson<Problem>(`${svc.url}/v1/members/${memberId}/tier-override`, {
      headers: admin,
      body: { tierCode: 'diamond', reason: 'xxxxx', expiresAt: '2026-06-01T00:00:00Z' },
    });
    expect(unknown.status).toBe(400);

    // At expiry the member returns to the tier their spend supports.
    clock.set('2026-06-02T00:00:00Z');
    try {
      const job = await requestJson<{ counts: Record<string, number> }>(`${svc.url}/v1/jobs/tiers/review`, { method: 'POST', headers: admin });
      expect(job.body.counts.overridesExpired).toBe(1);
      await tierChanged(memberId, 'regular', 'override_expired');
      expect(await status(memberId)).not.toHaveProperty('overrideExpiresAt');
    } finally {
      clock.set('2026-03-01T00:00:00Z');
    }
  });

  it('downgrades only at review, after the grace period, one tier at a time', async () => {
    const memberId = await enrol();
    await produceRaw('purchase.recorded.v1', [purchase(memberId, 1_100_000)]);
    await tierChanged(memberId, 'platinum', 'qualified');
    const { reviewDate } = await status(memberId);
    expect(reviewDate).toBe('2027-03-01T00:00:00.000Z');
    const review = () => requestJson<{ counts: Record<string, number> }>(`${svc.url}/v1/jobs/tiers/review`, { method: 'POST', headers: admin });

    clock.set('2027-03-20T00:00:00Z'); // past the review date, inside the 30-day grace
    await review();
    expect((await status(memberId)).tier.code).toBe('platinum');

    clock.set('2027-04-01T00:00:00Z'); // grace over, no qualifying spend in the closed period
    const result = await review();
    expect(result.body.counts.downgraded).toBeGreaterThanOrEqual(1);
    const down = await tierChanged(memberId, 'gold', 'review_downgrade');
    expect(down.json<Envelope>().payload).toMatchObject({ fromTier: 'platinum', earnMultiplierPercent: 150 });
    const after = await status(memberId);
    expect(after).toMatchObject({ tier: { code: 'gold' }, reviewDate: '2028-03-01T00:00:00.000Z', nextTier: { code: 'platinum', remainingMinor: 1_000_000 } });

    await review(); // running again changes nothing until the next review
    expect((await status(memberId)).tier.code).toBe('gold');
    clock.set('2028-04-01T00:00:00Z');
    await review();
    await tierChanged(memberId, 'silver', 'review_downgrade');
    expect((await status(memberId)).tier.code).toBe('silver');
  });
});
