import { TopicReader, testActors, uniqueSuffix, waitUntil } from '@app/testing';
import type { EventEnvelope, LifecycleStageChangedV1, SegmentEnteredV1 } from '@app/contracts';
import { auditor, call, handled, marketing, publish, startSegments, type SegmentsHarness } from '../testing/segments-test-kit';
import { DAY_MS } from './features';

/** Profiles, RFM and lifecycle stages from the event stream, against the real broker and database. */
describe('segments: profiles, RFM segments and lifecycle stages (real Kafka + database)', () => {
  let h: SegmentsHarness;
  let reader: TopicReader;
  const START = '2026-03-01T12:00:00.000Z';

  type Profile = {
    memberId: string;
    profiled: boolean;
    features: { purchaseCount: number; netSpendMinor: number; lifetimePurchases: number; recencyDays: number | null; usualIntervalDays: number | null };
    scores: { r: number; f: number; m: number } | null;
    segment: string | null;
    stage: string | null;
    moves: Array<{ kind: string; from: string | null; to: string | null }>;
  };
  type Job = { jobId: string; status: string; phase: string; processed: number; moves: { segment: number; stage: number } };

  const daysBefore = (d: number) => new Date(h.clock.now().getTime() - d * DAY_MS).toISOString();
  const newId = (label: string) => `m-${label}-${uniqueSuffix()}`;
  const profile = (memberId: string) => call<Profile>(h.svc, marketing, 'GET', `/v1/members/${memberId}/segment-profile`);

  async function member(label: string, analytics = true): Promise<string> {
    const memberId = newId(label);
    await handled(
      h.svc,
      await publish(h.svc, 'member.enrolled.v1', {
        memberId,
        channel: 'store',
        memberClass: 'regular',
        tier: 'regular',
        preferredStoreId: 'store-1',
        enrolledAt: daysBefore(400),
      }),
    );
    await handled(
      h.svc,
      await publish(h.svc, 'member.consent.changed.v1', {
        memberId,
        purpose: 'analytics',
        granted: analytics,
        policyVersion: 'privacy-2026-01',
        changedAt: daysBefore(400),
      }),
    );
    return memberId;
  }

  let seq = 0;
  async function purchase(memberId: string, daysAgo: number, amountMinor: number, over: { purchaseId?: string; copies?: number } = {}): Promise<string> {
    const purchaseId = over.purchaseId ?? `store-1:T-${uniqueSuffix()}-${seq++}`;
    await handled(
      h.svc,
      await publish(
        h.svc,
        'purchase.recorded.v1',
        { purchaseId, memberId, storeId: 'store-1', amountMinor, currency: 'CNY', categories: [], occurredAt: daysBefore(daysAgo) },
        over.copies ?? 1,
      ),
    );
    return purchaseId;
  }

  async function recompute(): Promise<Job> {
    const started = await call<Job>(h.svc, marketing, 'POST', '/v1/segments/recompute');
    expect(started.status).toBe(202);
    return waitUntil(
      async () => {
        const j = await call<Job>(h.svc, marketing, 'GET', `/v1/segments/recompute/${started.body.jobId}`);
        return j.body.status === 'completed' ? j.body : null;
      },
      30000,
      'recompute completed',
    );
  }

  beforeAll(async () => {
    h = await startSegments(START);
    reader = await TopicReader.start(['segment.entered.v1', 'segment.exited.v1', 'lifecycle.stage.changed.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('builds features from purchases and returns, once per event, in any order, with purchase ids longer than 64 characters', async () => {
    const m = await member('features');
    const longId = `${'s'.repeat(64)}:${'t'.repeat(64)}`;
    await purchase(m, 10, 5000, { purchaseId: longId, copies: 3 });
    await purchase(m, 30, 3000);
    await purchase(m, 50, 2000);
    await purchase(m, 500, 9999); // before the window
    await handled(
      h.svc,
      await publish(h.svc, 'purchase.returned.v1', {
        returnId: `store-1:R-${uniqueSuffix()}`,
        purchaseId: longId,
        memberId: m,
        storeId: 'store-1',
        amountMinor: 1000,
        currency: 'CNY',
        categories: [],
        occurredAt: daysBefore(9),
      }),
    );
    const p = await profile(m);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      memberId: m,
      profiled: true,
      stage: 'active',
      features: { purchaseCount: 3, netSpendMinor: 9000, lifetimePurchases: 4, recencyDays: 10, usualIntervalDays: 20 },
    });

    // The member's data export carries the profile and the purchases it was built from.
    const exported = await call<{
      data: {
        profile: { stage: string; features: { purchaseCount: number } };
        purchases: Array<{ purchaseId: string }>;
        refunds: unknown[];
        consentProjection: { analyticsGranted: boolean };
      };
    }>(h.svc, marketing, 'GET', `/v1/internal/members/${m}/personal-data`);
    expect(exported.body.data).toMatchObject({ profile: { stage: 'active', features: { purchaseCount: 3 } }, consentProjection: { analyticsGranted: true } });
    expect(exported.body.data.purchases.map((x) => x.purchaseId)).toContain(longId);
    expect(exported.body.data.refunds).toHaveLength(1);
  });

  it('ranks members by quintiles on a recompute, publishes segment entries, and answers sizes, grid and members', async () => {
    const members: string[] = [];
    for (let i = 0; i < 10; i++) {
      const m = await member(`rfm${i}`);
      members.push(m);
      // member i: bought i+1 times, most recently i days ago... the higher i, the more frequent and the bigger
      for (let k = 0; k <= i; k++) await purchase(m, 10 - i + k * 2, 1000 * (i + 1));
    }
    const job = await recompute();
    expect(job.moves.segment).toBeGreaterThanOrEqual(10);
    const best = (await profile(members[9])).body;
    expect(best).toMatchObject({ scores: { f: 5, m: 5 }, segment: 'champions' });
    expect(best.moves).toEqual(expect.arrayContaining([{ kind: 'segment', from: null, to: 'champions', at: expect.any(String) }]));
    const entered = await reader.waitFor((msg) => msg.topic === 'segment.entered.v1' && msg.key === members[9]);
    expect(entered.json<EventEnvelope<SegmentEnteredV1>>().payload).toMatchObject({ memberId: members[9], segment: 'champions', frequency: 5, monetary: 5 });

    const overview = await call<{ cuts: { population: number } | null; segments: Array<{ segment: string; members: number; netSpendMinor: number }> }>(
      h.svc,
      marketing,
      'GET',
      '/v1/segments',
    );
    expect(overview.body.cuts?.population).toBeGreaterThanOrEqual(10);
    expect(overview.body.segments.find((s) => s.segment === 'champions')!.members).toBeGreaterThanOrEqual(1);
    const grid = await call<{ cells: Array<{ r: number; f: number; members: number }> }>(h.svc, marketing, 'GET', '/v1/segments/grid');
    expect(grid.body.cells).toHaveLength(25);
    expect(grid.body.cells.reduce((n, c) => n + c.members, 0)).toBe(overview.body.cuts?.population);
    const champions = await call<{ items: Array<{ memberId: string; scores: unknown }> }>(h.svc, auditor, 'GET', '/v1/segments/champions/members?limit=1000');
    expect(champions.body.items.map((i) => i.memberId)).toContain(members[9]);
    expect(Object.keys(champions.body.items[0])).toEqual(['memberId', 'scores']);

    // A new event re-places its member at once against the current cut points.
    const low = members[0];
    expect((await profile(low)).body.segment).not.toBe('champions');
    for (let k = 0; k < 12; k++) await purchase(low, 0, 50_000);
    expect((await profile(low)).body).toMatchObject({ scores: { r: 5, f: 5, m: 5 }, segment: 'champions' });
  });

  it('time alone moves a member to at_risk and then churned on the scheduled evaluation', async () => {
    const m = await member('time');
    await purchase(m, 40, 1000);
    await purchase(m, 30, 1000);
    await purchase(m, 20, 1000); // usual interval 10 days, last purchase 20 days ago
    expect((await profile(m)).body.stage).toBe('active');
    h.clock.advance(15 * DAY_MS); // 35 days idle >= 3 x 10
    await recompute();
    expect((await profile(m)).body.stage).toBe('at_risk');
    const moved = await reader.waitFor(
      (msg) => msg.topic === 'lifecycle.stage.changed.v1' && msg.key === m && msg.json<EventEnvelope<LifecycleStageChangedV1>>().payload.toStage === 'at_risk',
    );
    expect(moved.json<EventEnvelope<LifecycleStageChangedV1>>().payload).toMatchObject({ fromStage: 'active', toStage: 'at_risk' });
    h.clock.advance(160 * DAY_MS);
    await recompute();
    const churned = (await profile(m)).body;
    expect(churned.stage).toBe('churned');
    expect(churned.moves.filter((x) => x.kind === 'stage').map((x) => x.to)).toEqual(['prospect', 'active', 'at_risk', 'active', 'at_risk', 'churned']); // the second purchase came 30 days after the first: 3 x its 10-day interval
    // Buying again reactivates them at once.
    await purchase(m, 0, 1000);
    expect((await profile(m)).body.stage).toBe('reactivated');
  });

  it('does not profile a member without analytics consent, and forgets an erased member', async () => {
    const m = await member('noanalytics', false);
    await purchase(m, 3, 1000);
    expect((await profile(m)).body).toMatchObject({ profiled: false, scores: null, segment: null, stage: null, features: { purchaseCount: 1 } });
    await handled(h.svc, await publish(h.svc, 'member.erased.v1', { memberId: m, erasedAt: h.clock.now().toISOString() }));
    expect((await profile(m)).status).toBe(404);
    await purchase(m, 0, 1000); // a late purchase event brings nothing back
    expect((await profile(m)).body).toMatchObject({ code: 'PROFILE.NOT_FOUND' });
  });

  it('refuses bad input with the field and rule, and other roles', async () => {
    const bad = await call<{ errors: Array<{ field: string; rule: string }> }>(h.svc, marketing, 'GET', '/v1/segments/vips/members');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'segment', rule: 'isIn' })]);
    expect((await call(h.svc, marketing, 'GET', '/v1/segments/champions/members?limit=0')).status).toBe(400);
    expect((await call(h.svc, marketing, 'GET', `/v1/segments/recompute/rcj_00000000-0000-0000-0000-000000000000`)).body).toMatchObject({
      code: 'SEGMENTS.JOB_NOT_FOUND',
    });
    expect((await call(h.svc, testActors.agent(), 'GET', '/v1/segments')).status).toBe(403);
    expect((await call(h.svc, auditor, 'POST', '/v1/segments/recompute')).status).toBe(403);
  });
});
