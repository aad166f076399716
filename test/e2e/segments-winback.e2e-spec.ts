import { ManualClock, toKafkaMessage } from '@app/common';
import type { CampaignPointsGrantedV1, EventEnvelope } from '@app/contracts';
import { produceRaw, TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { inHoldout } from '../../apps/segments/src/campaigns/treatment-rules';
import { AUDIENCE_MEMBER_MODEL } from '../../apps/segments/src/audience/audience.schema';
import { E2E_ADMIN, staffToken, startPlatform, openStore, type Platform } from './platform-harness';

const DAY = 86_400_000;

/**
 * Marketing's win-back, end to end through the gateway with every service real and an injected
 * clock: purchases at the tills build members' profiles (RFM segment, lifecycle stage); time alone
 * moves them to at_risk; a campaign triggered by "entered at_risk" grants bonus points that reach
 * the points balance exactly once (redelivered grants included), never to its holdout group, never
 * past its budget, never to a member who withdrew marketing consent; its results show conversion
 * and uplift after the treated members come back and buy. A coupon campaign puts one coupon in each
 * treated member's coupons (none for its holdout), redelivered grants included.
 */
describe('segments: a triggered win-back campaign through the gateway', () => {
  const start = new Date();
  const segmentsClock = new ManualClock(start);
  const pointsClock = new ManualClock(start);
  let p: Platform;
  let reader: TopicReader;
  let admin = '';
  let marketing = '';
  let posKey = '';
  const STORE = `e2e-seg-${uniqueSuffix()}`;
  const POLICY = 'privacy-2026-01';
  const GRANTS = 'campaign.points.granted.v1';
  const COUPON_GRANTS = 'coupon.grant.requested.v1';
  let tx = 0;

  type Profile = {
    segment: string | null;
    stage: string | null;
    scores: { r: number; f: number; m: number } | null;
    features: { lifetimePurchases: number };
    moves: Array<{ kind: string; to: string | null }>;
  };
  type Results = {
    triggered: number;
    treated: { members: number; converted: number; rate: number | null };
    heldOut: { members: number; converted: number; rate: number | null };
    skipped: Record<string, number>;
    uplift: number | null;
    pointsGranted: number;
    budgetSpentPoints: number;
    couponsIssued: number;
  };

  async function enrol(): Promise<string> {
    const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: 'Li Na',
        phone: `135${String(Date.now() + tx++).slice(-8)}`,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: true, policyVersion: POLICY }, analytics: { granted: true, policyVersion: POLICY } },
      },
    });
    expect(r.status).toBe(201);
    return r.body.memberId;
  }

  async function buy(memberId: string, at: Date, totalMinor: number): Promise<void> {
    const body = {
      storeId: STORE,
      terminalId: 'till-1',
      transactionId: `T-${uniqueSuffix()}-${tx++}`,
      member: { memberId },
      occurredAt: at.toISOString(),
      currency: 'CNY',
      lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: totalMinor, discountMinor: 0 }],
      totalMinor,
      tender: 'card',
    };
    const r = await p.call('POST', '/v1/pos/transactions', { apiKey: posKey, body });
    expect(r.status).toBe(201);
  }

  const profile = async (memberId: string) => (await p.call<Profile>('GET', `/v1/members/${memberId}/segment-profile`, { token: marketing })).body;
  const available = async (memberId: string) =>
    (await p.call<{ available: number }>('GET', `/v1/members/${memberId}/points/balance`, { token: admin })).body.available;
  const results = async (campaignId: string) => (await p.call<Results>('GET', `/v1/campaigns/${campaignId}/results`, { token: marketing })).body;

  async function recompute(): Promise<void> {
    const started = await p.call<{ jobId: string }>('POST', '/v1/segments/recompute', { token: marketing });
    expect(started.status).toBe(202);
    await waitUntil(
      async () => (await p.call<{ status: string }>('GET', `/v1/segments/recompute/${started.body.jobId}`, { token: marketing })).body.status === 'completed',
      30000,
      'recompute completed',
    );
  }

  beforeAll(async () => {
    p = await startPlatform({ clocks: { segments: segmentsClock, points: pointsClock } });
    reader = await TopicReader.start([GRANTS, COUPON_GRANTS]);
    admin = (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN })).body.accessToken;
    posKey = await openStore(p, admin, STORE);
    marketing = await staffToken(p, admin, 'marketing');
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.close();
  });

  it('purchases and time move members; the win-back treats them once within budget, holds out its control group, skips a withdrawn consent, and shows uplift', async () => {
    // The campaign first (a draft), so that its holdout draw can pick the members of the journey.
    // Its audience is this journey's store: the broker is shared with other tests' members.
    const created = await p.call<{ campaignId: string }>('POST', '/v1/campaigns', {
      token: marketing,
      body: {
        name: '流失挽回 / Win-back',
        kind: 'win_back',
        channel: 'app',
        audience: { storeIds: [STORE] },
        trigger: { on: 'stage_entered', stage: 'at_risk' },
        action: { type: 'points', points: 100 },
        controls: { holdoutPercent: 40, conversionDays: 14 },
      },
    });
    expect(created.status).toBe(201);
    const { campaignId } = created.body;

    // Members until the journey has 2 held out and 4 to treat (one of whom will withdraw consent).
    const held: string[] = [];
    const toTreat: string[] = [];
    while (held.length < 2 || toTreat.length < 4) {
      const m = await enrol();
      const group = inHoldout(campaignId, m, 40) ? held : toTreat;
      if (group.length < (group === held ? 2 : 4)) group.push(m);
    }
    const [withdraws, ...consenting] = toTreat as [string, ...string[]];
    const everyone = [...held, ...toTreat];
    const riser = await enrol(); // buys a lot later: moves segment at once

    // Two purchases 10 days apart, the last 10 days ago: new, usual interval 10 days.
    for (const [i, m] of [...everyone, riser].entries()) {
      await buy(m, new Date(start.getTime() - 20 * DAY), 1000 * (i + 1));
      await buy(m, new Date(start.getTime() - 10 * DAY), 1000 * (i + 1));
    }
    await waitUntil(
      async () => {
        for (const m of [...everyone, riser]) if ((await profile(m)).features?.lifetimePurchases !== 2) return false;
        return true;
      },
      30000,
      'purchases projected into profiles',
    );
    expect((await profile(everyone[0])).stage).toBe('new');

    // Cut points, then everyone is placed in an RFM segment.
    await recompute();
    const placed = await profile(riser);
    expect(placed.segment).not.toBeNull();
    const overview = await p.call<{ segments: Array<{ members: number }> }>('GET', '/v1/segments', { token: marketing });
    expect(overview.body.segments.reduce((n, s) => n + s.members, 0)).toBeGreaterThanOrEqual(everyone.length + 1);
    // A purchase re-places its member at once: the riser buys big and becomes a champion.
    for (let k = 0; k < 4; k++) await buy(riser, new Date(start.getTime() - k * 60_000), 500_000);
    await waitUntil(async () => (await profile(riser)).segment === 'champions', 20000, 'the riser re-placed');
    expect((await profile(riser)).moves.filter((m) => m.kind === 'segment').map((m) => m.to)).toEqual([placed.segment, 'champions']);

    // Marketing activates the win-back with a budget for all but one of the consenting members.
    expect((await p.call('POST', `/v1/campaigns/${campaignId}/activate`, { token: marketing })).status).toBe(200);
    // (the budget is set at creation; a campaign with one is created for this step)
    const budgeted = await p.call<{ campaignId: string }>('POST', '/v1/campaigns', {
      token: marketing,
      body: {
        name: 'Win-back budget',
        kind: 'win_back',
        channel: 'app',
        audience: { storeIds: [STORE] },
        trigger: { on: 'stage_entered', stage: 'at_risk' },
        action: { type: 'points', points: 100 },
        controls: { budgetPoints: 100 * (everyone.length - 2) },
      },
    });
    expect((await p.call('POST', `/v1/campaigns/${budgeted.body.campaignId}/activate`, { token: marketing })).status).toBe(200);

    // One customer withdraws marketing consent.
    const customer = (await p.call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId: withdraws } })).body.accessToken;
    expect(
      (await p.call('PUT', `/v1/members/${withdraws}/consents/marketing`, { token: customer, body: { granted: false, policyVersion: POLICY, channel: 'app' } }))
        .status,
    ).toBe(200);
    await waitUntil(
      async () =>
        // A dated false: a member projected before its consent events is false by default, and the grant may still follow.
        await p.services.segments.connection
          .collection<{ _id: string; marketingGranted: boolean; marketingChangedAt: Date | null }>('segments_audience_members')
          .findOne({ _id: withdraws })
          .then((m) => m?.marketingGranted === false && m.marketingChangedAt !== null),
      20000,
      'the withdrawal projected into segments',
    );

    // 25 days without a purchase (3 x their 10-day interval): the scheduled evaluation moves them to at_risk.
    segmentsClock.advance(25 * DAY);
    pointsClock.advance(25 * DAY);
    await buy(riser, pointsClock.now(), 1000); // the riser keeps buying
    // Points earned by the purchases are past their return window now: the bonus comes on top.
    const before = new Map<string, number>();
    for (const m of everyone) before.set(m, await available(m));
    const bonus = async (m: string) => (await available(m)) - before.get(m)!;
    await waitUntil(async () => (await profile(riser)).features.lifetimePurchases === 7, 20000, "the riser's purchase projected");
    await recompute();
    for (const m of everyone) expect((await profile(m)).stage).toBe('at_risk');
    expect((await profile(riser)).stage).not.toBe('at_risk');

    // The win-back: 100 points to each consenting member outside the holdout, exactly once.
    await waitUntil(async () => (await results(campaignId)).triggered === everyone.length, 60_000, 'every at_risk member decided');
    await waitUntil(
      async () => {
        for (const m of consenting) if ((await bonus(m)) < 100) return false;
        return true;
      },
      60_000,
      'bonus points in the balances',
    );
    const r = await results(campaignId);
    expect(r).toMatchObject({
      treated: { members: consenting.length },
      heldOut: { members: held.length },
      skipped: { no_consent: 1 },
      pointsGranted: 100 * consenting.length,
    });

    // The budgeted campaign treated everyone it could pay for, never more.
    await waitUntil(async () => (await results(budgeted.body.campaignId)).triggered === everyone.length, 30000, 'budgeted campaign decided');
    const b = await results(budgeted.body.campaignId);
    expect(b).toMatchObject({
      treated: { members: everyone.length - 2 },
      skipped: { no_consent: 1, budget_exhausted: 1 },
      budgetSpentPoints: 100 * (everyone.length - 2),
    });

    // A grant delivered again (same event) and re-sent (new event, same grant) credits nothing more.
    const grant = await reader.waitFor((m) => m.topic === GRANTS && m.json<EventEnvelope<CampaignPointsGrantedV1>>().payload.campaignId === campaignId);
    const envelope = grant.json<EventEnvelope<CampaignPointsGrantedV1>>();
    const resent = { ...envelope, id: `${envelope.id.slice(0, -4)}beef` };
    await produceRaw(GRANTS, [toKafkaMessage(envelope), toKafkaMessage(resent)]);
    await waitUntil(() => p.services.points.connection.collection('processed_events').findOne({ eventId: resent.id }), 30000, 'the re-sent grant handled');

    // Balances: treated members got each campaign's points once; the held out only what the budgeted one paid; the withdrawn member nothing.
    const budgetedTreated = new Set(
      (
        await p.call<{ items: Array<{ memberId: string }> }>('GET', `/v1/campaigns/${budgeted.body.campaignId}/recipients?outcome=sent&limit=1000`, {
          token: marketing,
        })
      ).body.items.map((i) => i.memberId),
    );
    for (const m of consenting) expect(await bonus(m)).toBe(100 + (budgetedTreated.has(m) ? 100 : 0));
    for (const m of held) expect(await bonus(m)).toBe(budgetedTreated.has(m) ? 100 : 0);
    expect(await bonus(withdraws)).toBe(0);
    const skipped = await p.call<{ items: Array<{ memberId: string; reason: string }> }>('GET', `/v1/campaigns/${campaignId}/recipients?outcome=skipped`, {
      token: marketing,
    });
    expect(skipped.body.items).toEqual([expect.objectContaining({ memberId: withdraws, reason: 'no_consent' })]);

    // The treated come back and buy; the held out do not: conversion and uplift.
    segmentsClock.advance(3_600_000);
    pointsClock.advance(3_600_000);
    for (const m of consenting) await buy(m, pointsClock.now(), 2000);
    await waitUntil(async () => (await results(campaignId)).treated.converted === consenting.length, 30000, 'conversions counted');
    const final = await results(campaignId);
    expect(final).toMatchObject({ treated: { converted: consenting.length, rate: 1 }, heldOut: { converted: 0, rate: 0 }, uplift: 1 });
    // Auditors read results; service staff do not.
    const agent = await staffToken(p, admin, 'service_agent');
    expect((await p.call('GET', `/v1/campaigns/${campaignId}/results`, { token: agent })).status).toBe(403);
    expect((await p.call('GET', `/v1/members/${riser}/segment-profile`, { token: agent })).status).toBe(403);
  }, 240_000);

  it("a coupon campaign puts one coupon in each treated member's coupons, never in the held out's, however often dispatched or redelivered", async () => {
    const rewardId = `winback-coupon-${uniqueSuffix()}`;
    expect(
      (
        await p.call('POST', '/v1/rewards', {
          token: admin,
          body: { rewardId, name: '回归礼券 / Welcome-back coupon', pointsCost: 500, couponValidityDays: 30 },
        })
      ).status,
    ).toBe(201);
    const members = [await enrol(), await enrol(), await enrol(), await enrol()];
    const audience = p.services.segments.connection.model(AUDIENCE_MEMBER_MODEL);
    await waitUntil(
      async () => (await audience.countDocuments({ _id: { $in: members }, marketingGranted: true })) === members.length,
      30000,
      'consents projected in segments',
    );
    // Drafts until the holdout draw (fixed per campaign and member) splits the members both ways.
    let campaignId = '';
    do {
      const created = await p.call<{ campaignId: string }>('POST', '/v1/campaigns', {
        token: marketing,
        body: {
          name: '送券 / Coupon',
          kind: 'custom',
          channel: 'app',
          audience: { memberIds: members },
          action: { type: 'coupon', rewardId },
          controls: { holdoutPercent: 50 },
        },
      });
      expect(created.status).toBe(201);
      campaignId = created.body.campaignId;
    } while (members.every((m) => inHoldout(campaignId, m, 50)) || !members.some((m) => inHoldout(campaignId, m, 50)));
    const treated = members.filter((m) => !inHoldout(campaignId, m, 50));
    const heldOut = members.filter((m) => inHoldout(campaignId, m, 50));
    for (let i = 0; i < 2; i++) expect((await p.call('POST', `/v1/campaigns/${campaignId}/dispatch`, { token: marketing })).status).toBe(200);

    type Coupons = { items: Array<{ rewardId: string; pointsCost: number; state: string }> };
    const couponsOf = async (memberId: string) =>
      (await p.call<Coupons>('GET', `/v1/members/${memberId}/coupons`, { token: admin })).body.items.filter((c) => c.rewardId === rewardId);
    await waitUntil(
      async () => {
        for (const m of treated) if ((await couponsOf(m)).length === 0) return false;
        return true;
      },
      30000,
      'coupons issued to the treated members',
    );
    // Every grant delivered once more, as a broker would on a consumer restart.
    const grants = reader.messages.filter((m) => m.topic === COUPON_GRANTS && m.value!.includes(campaignId));
    expect(grants).toHaveLength(treated.length);
    await produceRaw(
      COUPON_GRANTS,
      grants.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    );
    await new Promise((r) => setTimeout(r, 1500)); // the redelivered grants have had their chance to be handled
    for (const m of treated) expect(await couponsOf(m)).toEqual([expect.objectContaining({ pointsCost: 0, state: 'issued' })]);
    for (const m of heldOut) expect(await couponsOf(m)).toEqual([]);
    await waitUntil(async () => (await results(campaignId)).couponsIssued === treated.length, 30000, "points' answers counted in the results");
  });
});
