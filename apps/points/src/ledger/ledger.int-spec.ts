import { randomUUID } from 'node:crypto';
import { testActors, TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { BALANCE_MODEL, LEDGER_ENTRY_MODEL } from './ledger.schema';
import { LedgerService } from './ledger.service';
import { call, enrol, publish, saleBody, startPoints, type PointsHarness } from '../testing/points-test-kit';

/**
 * The ledger against the real broker and database: pending release and expiry driven by an
 * injected clock, no overdraw under concurrent redemptions, audited adjustments, compensation
 * events applied once, history, reconciliation, and repair of an interrupted posting.
 */
describe('points: ledger, balances, jobs (real Kafka + database)', () => {
  let h: PointsHarness;
  let reader: TopicReader;
  const pos = testActors.pos('store-1');
  const admin = testActors.admin();
  type BalanceBody = {
    memberId: string;
    available: number;
    pending: number;
    expiringWithin30Days: number;
    expiring: Array<{ points: number; expiresAt: string }>;
  };

  const balance = (memberId: string) => call<BalanceBody>(h.svc, admin, 'GET', `/v1/members/${memberId}/points/balance`);
  const runJobs = () => call(h.svc, admin, 'POST', '/v1/points/jobs/run');
  const redeem = (memberId: string, requestId: string, points: number) =>
    call(h.svc, testActors.customer(memberId), 'POST', `/v1/members/${memberId}/points/redemptions`, { requestId, points });
  const adjust = (memberId: string, body: Record<string, unknown>, actor = admin) =>
    call(h.svc, actor, 'POST', `/v1/members/${memberId}/points/adjustments`, body);
  const buy = (memberId: string, unitPriceMinor: number) =>
    call(
      h.svc,
      pos,
      'POST',
      '/v1/pos/transactions',
      saleBody({ member: { memberId }, occurredAt: h.clock.now().toISOString(), lines: [{ sku: 'S', category: 'home', quantity: 1, unitPriceMinor }] }),
    );

  beforeAll(async () => {
    h = await startPoints('2026-03-01T12:00:00.000Z');
    reader = await TopicReader.start(['points.pending.released.v1', 'points.expired.v1', 'points.redeemed.v1', 'points.adjusted.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('earned points stay pending for the return window, then the release job makes them available and announces it', async () => {
    h.clock.set('2026-03-01T12:00:00.000Z');
    const memberId = await enrol(h.svc);
    expect((await buy(memberId, 5000)).body).toMatchObject({ points: { earned: 50, status: 'pending' } });
    h.clock.set('2026-03-15T11:59:00.000Z');
    await runJobs();
    expect((await balance(memberId)).body).toMatchObject({ available: 0, pending: 50 });
    h.clock.set('2026-03-15T12:00:00.000Z');
    const report = await runJobs();
    expect(report.body).toMatchObject({ released: { lots: expect.any(Number) } });
    expect((await balance(memberId)).body).toMatchObject({ available: 50, pending: 0 });
    await runJobs(); // again: nothing more
    expect((await balance(memberId)).body).toMatchObject({ available: 50, pending: 0 });
    const released = await reader.waitFor((m) => m.topic === 'points.pending.released.v1' && m.key === memberId);
    expect(released.json()).toMatchObject({ payload: { memberId, points: 50, releasedAt: '2026-03-15T12:00:00.000Z' } });
  });

  it('lots expire 12 months after earning, spent first in first out; the balance lists what expires soon', async () => {
    h.clock.set('2026-03-01T12:00:00.000Z');
    const memberId = await enrol(h.svc);
    await buy(memberId, 10000); // lot 1: 100, expires 2027-03-01
    h.clock.set('2026-04-01T12:00:00.000Z');
    await buy(memberId, 4000); // lot 2: 40, expires 2027-04-01
    h.clock.set('2026-05-01T00:00:00.000Z');
    await runJobs();
    expect((await redeem(memberId, `r-${uniqueSuffix()}`, 30)).status).toBe(201); // eats lot 1 first

    h.clock.set('2027-02-10T00:00:00.000Z');
    const soon = await balance(memberId);
    expect(soon.body).toMatchObject({
      available: 110,
      pending: 0,
      expiringWithin30Days: 70,
      expiring: [{ points: 70, expiresAt: '2027-03-01T12:00:00.000Z' }],
    });
    const wider = await call<BalanceBody>(h.svc, admin, 'GET', `/v1/members/${memberId}/points/balance?days=90`);
    expect(wider.body.expiring).toEqual([
      { points: 70, expiresAt: '2027-03-01T12:00:00.000Z' },
      { points: 40, expiresAt: '2027-04-01T12:00:00.000Z' },
    ]);

    h.clock.set('2027-03-01T12:00:00.000Z');
    await runJobs();
    expect((await balance(memberId)).body).toMatchObject({ available: 40, expiringWithin30Days: 0 }); // lot 2 expires in 31 days
    await runJobs(); // idempotent
    expect((await balance(memberId)).body).toMatchObject({ available: 40 });
    const expired = await reader.waitFor((m) => m.topic === 'points.expired.v1' && m.key === memberId);
    expect(expired.json()).toMatchObject({ payload: { memberId, points: 70 } });

    h.clock.set('2027-04-02T00:00:00.000Z');
    await runJobs();
    expect((await balance(memberId)).body).toMatchObject({ available: 0, expiring: [] });
    const history = await call<{ items: Array<{ type: string; available: number; reason: string }> }>(
      h.svc,
      testActors.customer(memberId),
      'GET',
      `/v1/members/${memberId}/points/history?limit=50`,
    );
    expect(
      history.body.items
        .filter((i) => i.type === 'expire')
        .map((i) => i.available)
        .sort(),
    ).toEqual([-40, -70]);
    expect(history.body.items.find((i) => i.type === 'expire')).toMatchObject({ reason: 'expiry' });
  });

  it('concurrent redemptions against one balance never overdraw it', async () => {
    h.clock.set('2026-06-01T00:00:00.000Z');
    const memberId = await enrol(h.svc);
    expect((await adjust(memberId, { adjustmentId: 'seed', points: 100, reasonCode: 'test_seed' })).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => redeem(memberId, `race-${i}`, 30)));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 422);
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'POINTS.INSUFFICIENT_BALANCE' });
    expect((await balance(memberId)).body).toMatchObject({ available: 10 });

    // A retry of a successful redemption answers again without debiting; the same id with other points is a conflict.
    const winner = ok[0].body.redemptionId as string;
    const requestId = winner.split(':').pop()!;
    const retry = await redeem(memberId, requestId, 30);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ available: 10 });
    expect((await redeem(memberId, requestId, 5)).status).toBe(409);
    // Racing retries of ONE redemption debit once.
    await adjust(memberId, { adjustmentId: 'seed-2', points: 50, reasonCode: 'test_seed' });
    const same = await Promise.all(Array.from({ length: 8 }, () => redeem(memberId, 'one-request', 40)));
    expect(same.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect((await balance(memberId)).body).toMatchObject({ available: 20 });
    const redeemed = await reader.waitFor((m) => m.topic === 'points.redeemed.v1' && m.key === memberId);
    expect(redeemed.json()).toMatchObject({ payload: { memberId, points: expect.any(Number) } });
  });

  it('manual adjustments are audited with the actor and reason; debits cannot overdraw; only supervisors and admins', async () => {
    const memberId = await enrol(h.svc);
    const supervisor = { id: 'staff-sup-1', role: 'service_supervisor' as const, storeIds: [] };
    const credit = await adjust(memberId, { adjustmentId: 'goodwill-1', points: 200, reasonCode: 'goodwill', note: 'late delivery' }, supervisor);
    expect(credit.status).toBe(201);
    expect((await adjust(memberId, { adjustmentId: 'goodwill-1', points: 200, reasonCode: 'goodwill' }, supervisor)).status).toBe(200);
    expect((await adjust(memberId, { adjustmentId: 'too-much', points: -500, reasonCode: 'correction' })).body).toMatchObject({
      code: 'POINTS.INSUFFICIENT_BALANCE',
    });
    expect((await adjust(memberId, { adjustmentId: 'fix', points: -50, reasonCode: 'correction' })).body).toMatchObject({ available: 150 });
    expect((await adjust(memberId, { adjustmentId: 'x', points: 5, reasonCode: 'goodwill' }, testActors.agent())).status).toBe(403);
    expect((await adjust(memberId, { adjustmentId: 'x', points: 0, reasonCode: 'goodwill' })).body).toMatchObject({
      errors: [{ field: 'points', rule: 'notEquals' }],
    });
    const entry = await h.svc.connection.model(LEDGER_ENTRY_MODEL).findById(`adjust:${memberId}:goodwill-1`).lean();
    expect(entry).toMatchObject({
      actor: { id: 'staff-sup-1', role: 'service_supervisor' },
      reasonCode: 'goodwill',
      note: 'late delivery',
      availableDelta: 200,
    });
    const adjusted = await reader.waitFor((m) => m.topic === 'points.adjusted.v1' && m.key === memberId);
    expect(adjusted.json()).toMatchObject({
      payload: { memberId, points: 200, reasonCode: 'goodwill', actorId: 'staff-sup-1', actorRole: 'service_supervisor' },
    });
    expect(adjusted.value).not.toContain('late delivery');
  });

  it('compensation granted by feedback is applied once, however often it arrives', async () => {
    const memberId = await enrol(h.svc);
    const payload = {
      compensationId: `comp-${uniqueSuffix()}`,
      memberId,
      points: 300,
      caseId: 'case-1',
      reasonCode: 'complaint_resolution',
      grantedAt: h.clock.now().toISOString(),
    };
    const first = await publish(h.svc, 'points.compensation.granted.v1', payload);
    const second = await publish(h.svc, 'points.compensation.granted.v1', payload); // a second event for the same grant
    await waitUntil(
      async () => (await h.svc.connection.model('ProcessedEvent').countDocuments({ consumer: 'points-compensation', eventId: { $in: [first, second] } })) === 2,
      30000,
      'both events handled',
    );
    expect((await balance(memberId)).body).toMatchObject({ available: 300 });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ memberId, type: 'compensation' })).toBe(1);
  });

  it('bonus points granted by a segments campaign are credited once, however often the grant arrives', async () => {
    const memberId = await enrol(h.svc);
    const payload = { grantId: `grt_${randomUUID()}`, campaignId: `cmp_${randomUUID()}`, memberId, points: 150, grantedAt: h.clock.now().toISOString() };
    const first = await publish(h.svc, 'campaign.points.granted.v1', payload);
    const second = await publish(h.svc, 'campaign.points.granted.v1', payload); // a second event for the same grant
    await waitUntil(
      async () =>
        (await h.svc.connection.model('ProcessedEvent').countDocuments({ consumer: 'points-campaign-bonus', eventId: { $in: [first, second] } })) === 2,
      30000,
      'both events handled',
    );
    expect((await balance(memberId)).body).toMatchObject({ available: 150 });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).find({ memberId, type: 'campaign_bonus' }).lean()).toEqual([
      expect.objectContaining({
        _id: `campaign:${payload.grantId}`,
        availableDelta: 150,
        reference: { grantId: payload.grantId, campaignId: payload.campaignId },
      }),
    ]);
  });

  it('history is paginated newest first with reasons', async () => {
    const memberId = await enrol(h.svc);
    for (let i = 0; i < 5; i++) {
      h.clock.advance(60_000);
      await adjust(memberId, { adjustmentId: `h-${i}`, points: i + 1, reasonCode: 'goodwill' });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ available: number; reason: string }>; nextCursor: string | null } } = await call(
        h.svc,
        testActors.customer(memberId),
        'GET',
        `/v1/members/${memberId}/points/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.available));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect((await call(h.svc, testActors.customer(memberId), 'GET', `/v1/members/${memberId}/points/history?cursor=garbage`)).body).toMatchObject({
      errors: [{ field: 'cursor' }],
    });
    expect((await call(h.svc, testActors.customer(memberId), 'GET', `/v1/members/${memberId}/points/history?limit=1000`)).status).toBe(400);
  });

  it('a posting interrupted after the balance changed is finished by the sweeper; reconciliation reports and repairs drift', async () => {
    const memberId = await enrol(h.svc);
    await adjust(memberId, { adjustmentId: 'base', points: 10, reasonCode: 'goodwill' });
    // Simulate a crash between step 1 (balance) and step 2 (ledger line): apply only step 1.
    const ledger = h.svc.app.get(LedgerService);
    const repo = (ledger as unknown as { repo: { applyToBalance: (...a: unknown[]) => Promise<unknown> } }).repo;
    const key = `adjust:${memberId}:crashed`;
    await repo.applyToBalance(
      {
        _id: key,
        memberId,
        type: 'adjust',
        availableDelta: 7,
        pendingDelta: 0,
        spentDelta: 0,
        reference: {},
        reasonCode: 'goodwill',
        note: null,
        actor: null,
        lot: null,
        occurredAt: h.clock.now(),
        recordedAt: h.clock.now(),
      },
      [],
      h.clock.now(),
    );
    expect((await balance(memberId)).body).toMatchObject({ available: 17 });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).exists({ _id: key })).toBeNull();
    h.clock.advance(60_000);
    const jobs = await runJobs();
    expect(jobs.body).toMatchObject({ sweptInflight: 1 });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).exists({ _id: key })).not.toBeNull();

    const clean = await call<{ drifted: number }>(h.svc, testActors.admin(), 'GET', `/v1/points/reconciliation?memberId=${memberId}`);
    expect(clean.body).toMatchObject({ membersChecked: 1, drifted: 0 });
    await h.svc.connection.model(BALANCE_MODEL).updateOne({ _id: memberId }, { $inc: { available: 1000 } });
    const auditor = { id: 'aud-1', role: 'auditor' as const, storeIds: [] };
    const drift = await call(h.svc, auditor, 'GET', `/v1/points/reconciliation?memberId=${memberId}`);
    expect(drift.body).toMatchObject({ drifted: 1, drift: [{ memberId, stored: { available: 1017 }, fromLedger: { available: 17 }, repaired: false }] });
    expect((await call(h.svc, auditor, 'POST', `/v1/points/reconciliation/repair?memberId=${memberId}`)).status).toBe(403);
    const repaired = await call(h.svc, admin, 'POST', `/v1/points/reconciliation/repair?memberId=${memberId}`);
    expect(repaired.body).toMatchObject({ drifted: 1, drift: [{ repaired: true }] });
    expect((await balance(memberId)).body).toMatchObject({ available: 17 });
    const all = await call<{ drifted: number }>(h.svc, admin, 'GET', '/v1/points/reconciliation');
    expect(all.body.drifted).toBe(0);
  });
  it('a retry of an interrupted posting is not applied twice, however many postings came in between', async () => {
    const memberId = await enrol(h.svc);
    const ledger = h.svc.app.get(LedgerService);
    const repo = (ledger as unknown as { repo: { applyToBalance: (...a: unknown[]) => Promise<unknown> } }).repo;
    const key = `adjust:${memberId}:interrupted`;
    // Step 1 only (the poster died): the entry stays in flight on the balance.
    await repo.applyToBalance(
      {
        _id: key,
        memberId,
        type: 'adjust',
        availableDelta: 7,
        pendingDelta: 0,
        spentDelta: 0,
        reference: {},
        reasonCode: 'goodwill',
        note: null,
        actor: null,
        lot: null,
        balanceAfter: null,
        occurredAt: h.clock.now(),
        recordedAt: h.clock.now(),
      },
      [],
      h.clock.now(),
    );
    // More postings than the balance keeps recent keys of (64).
    for (let i = 0; i < 70; i++) expect((await adjust(memberId, { adjustmentId: `other-${i}`, points: 1, reasonCode: 'goodwill' })).status).toBe(201);
    const retried = await adjust(memberId, { adjustmentId: 'interrupted', points: 7, reasonCode: 'goodwill' });
    expect(retried.status).toBeLessThan(300);
    expect((await balance(memberId)).body).toMatchObject({ available: 77 });
    expect(await h.svc.connection.model(LEDGER_ENTRY_MODEL).exists({ _id: key })).not.toBeNull();
    const check = await call<{ drifted: number }>(h.svc, admin, 'GET', `/v1/points/reconciliation?memberId=${memberId}`);
    expect(check.body).toMatchObject({ membersChecked: 1, drifted: 0 });
  });

  it('the daily cap holds under concurrent sales of one member (each sale reserves its share of the day)', async () => {
    h.clock.set('2026-08-01T12:00:00.000Z');
    const rules = await call(h.svc, admin, 'POST', '/v1/points/rules', {
      effectiveFrom: '2026-08-01T00:00:00.000Z',
      rounding: 'floor',
      baseRates: [{ currency: '*', minorPerUnit: 100, pointsPerUnit: 1 }],
      excludedCategories: [],
      maxPointsPerDay: 100,
    });
    expect(rules.status).toBe(201);
    const memberId = await enrol(h.svc);
    const sales = await Promise.all(Array.from({ length: 10 }, () => buy(memberId, 3000))); // 30 points each
    expect(sales.every((r) => r.status === 201)).toBe(true);
    const earned = sales.map((r) => (r.body as { points: { earned: number } }).points.earned);
    expect(earned.reduce((a, b) => a + b, 0)).toBe(100);
    expect(earned.filter((p) => p === 30)).toHaveLength(3);
    expect((await balance(memberId)).body).toMatchObject({ pending: 100 });
    const capped = sales.find((r) => (r.body as { points: { earned: number } }).points.earned === 10)!;
    expect(capped.body).toMatchObject({
      points: {
        rules: [
          { rule: 'base', points: 30 },
          { rule: 'cap.daily', points: -20 },
        ],
      },
    });
    // The next day starts again.
    h.clock.set('2026-08-02T12:00:00.000Z');
    expect((await buy(memberId, 3000)).body).toMatchObject({ points: { earned: 30 } });
  });
});
