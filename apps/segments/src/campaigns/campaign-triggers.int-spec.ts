import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import type { CampaignPointsGrantedV1, CouponGrantRequestedV1, EventEnvelope } from '@app/contracts';
import { auditor, call, handled, marketing, publish, startSegments, type SegmentsHarness } from '../testing/segments-test-kit';
import { DAY_MS } from '../profiles/features';
import { inHoldout } from './treatment-rules';

/** Segment audiences, triggered campaigns, points, holdout, caps, budget and results, on the real broker and database. */
describe('segments: triggered and segment campaigns with holdout, caps, budget and results (real Kafka + database)', () => {
  let h: SegmentsHarness;
  let reader: TopicReader;
  const GRANTS = 'campaign.points.granted.v1';
  const COUPONS = 'coupon.grant.requested.v1';

  type Campaign = {
    campaignId: string;
    status: string;
    audienceSize: number;
    budgetSpentPoints: number;
    dispatch: { sent: number; heldOut: number; skipped: Record<string, number> } | null;
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
  type Problem = { code: string; errors?: Array<{ field: string; rule: string }> };

  const newId = (label: string) => `m-${label}-${uniqueSuffix()}`;
  const grantsOf = (campaignId: string) =>
    reader.messages.filter((m) => m.topic === GRANTS && m.json<EventEnvelope<CampaignPointsGrantedV1>>().payload.campaignId === campaignId);
  const couponGrantsOf = (campaignId: string) =>
    reader.messages
      .filter((m) => m.topic === COUPONS && m.json<EventEnvelope<CouponGrantRequestedV1>>().payload.sourceRef === campaignId)
      .map((m) => m.json<EventEnvelope<CouponGrantRequestedV1>>().payload);
  const create = (body: Record<string, unknown>) =>
    call<Campaign & Problem>(h.svc, marketing, 'POST', '/v1/campaigns', { name: 'Win-back', kind: 'win_back', channel: 'app', ...body });
  const results = async (campaignId: string) => (await call<Results>(h.svc, auditor, 'GET', `/v1/campaigns/${campaignId}/results`)).body;

  /** An enrolled member with marketing (and analytics) consent as given. */
  async function member(label: string, marketingGranted = true): Promise<string> {
    const memberId = newId(label);
    const at = new Date(h.clock.now().getTime() - 100 * DAY_MS).toISOString();
    await handled(
      h.svc,
      await publish(h.svc, 'member.enrolled.v1', {
        memberId,
        channel: 'app',
        memberClass: 'regular',
        tier: 'gold',
        preferredStoreId: 'store-9',
        enrolledAt: at,
      }),
    );
    await handled(
      h.svc,
      await publish(h.svc, 'member.consent.changed.v1', { memberId, purpose: 'marketing', granted: marketingGranted, policyVersion: 'p1', changedAt: at }),
    );
    await handled(
      h.svc,
      await publish(h.svc, 'member.consent.changed.v1', { memberId, purpose: 'analytics', granted: true, policyVersion: 'p1', changedAt: at }),
    );
    return memberId;
  }
  const enterAtRisk = (memberId: string, copies = 1) =>
    publish(h.svc, 'lifecycle.stage.changed.v1', { memberId, fromStage: 'active', toStage: 'at_risk', changedAt: h.clock.now().toISOString() }, copies);
  const buy = async (memberId: string, daysAfter = 1) => {
    const occurredAt = new Date(h.clock.now().getTime() + daysAfter * DAY_MS).toISOString();
    await handled(
      h.svc,
      await publish(h.svc, 'purchase.recorded.v1', {
        purchaseId: `store-9:T-${uniqueSuffix()}`,
        memberId,
        storeId: 'store-9',
        amountMinor: 1000,
        currency: 'CNY',
        categories: [],
        occurredAt,
      }),
    );
  };

  beforeAll(async () => {
    h = await startSegments('2026-03-01T12:00:00.000Z');
    reader = await TopicReader.start([GRANTS, COUPONS]);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('a win-back on "entered at_risk" grants points once per occurrence, holds out its control group, never treats a member without consent, and reports uplift', async () => {
    const created = await create({
      trigger: { on: 'stage_entered', stage: 'at_risk' },
      action: { type: 'points', points: 200 },
      controls: { holdoutPercent: 50, conversionDays: 14 },
    });
    expect(created.status).toBe(201);
    const { campaignId } = created.body;
    expect((await call(h.svc, marketing, 'POST', `/v1/campaigns/${campaignId}/dispatch`)).body).toMatchObject({ code: 'CAMPAIGN.TRIGGERED' });
    // Not active yet: a trigger now treats no one.
    const early = await member('early');
    await handled(h.svc, await enterAtRisk(early));
    expect((await call<Campaign>(h.svc, marketing, 'POST', `/v1/campaigns/${campaignId}/activate`)).body.status).toBe('active');

    const members: string[] = [];
    for (let i = 0; i < 12; i++) members.push(await member(`wb${i}`));
    const withdrawn = await member('withdrawn', false);
    const occurrences = new Map<string, string>();
    for (const m of [...members, withdrawn]) occurrences.set(m, await enterAtRisk(m, 2)); // every trigger redelivered
    for (const id of occurrences.values()) await handled(h.svc, id);
    // The same occurrence handled again by a racing instance: decided already, nothing new.
    const expectedHeld = members.filter((m) => inHoldout(campaignId, m, 50));
    const expectedTreated = members.filter((m) => !inHoldout(campaignId, m, 50));
    expect(expectedHeld.length).toBeGreaterThan(0);
    expect(expectedTreated.length).toBeGreaterThan(0);

    await waitUntil(() => grantsOf(campaignId).length >= expectedTreated.length, 20000, 'grants published');
    const r = await results(campaignId);
    expect(r).toMatchObject({
      triggered: 13,
      treated: { members: expectedTreated.length },
      heldOut: { members: expectedHeld.length },
      skipped: { no_consent: 1 },
      pointsGranted: 200 * expectedTreated.length,
    });
    expect(
      grantsOf(campaignId)
        .map((g) => g.key)
        .sort(),
    ).toEqual([...expectedTreated].sort());
    expect(grantsOf(campaignId).some((g) => g.key === withdrawn || g.key === early)).toBe(false);

    // A second, different occurrence for a treated member is a new decision.
    await handled(h.svc, await enterAtRisk(expectedTreated[0]));
    expect((await results(campaignId)).treated.members).toBe(expectedTreated.length + 1);

    // Every treated member buys within the window, no held-out one does: uplift 1.
    for (const m of expectedTreated) await buy(m, 3);
    await buy(expectedHeld[0], 30); // too late to count
    const after = await results(campaignId);
    expect(after.treated).toMatchObject({ converted: expectedTreated.length + 1, rate: 1 });
    expect(after.heldOut).toMatchObject({ converted: 0, rate: 0 });
    expect(after.uplift).toBe(1);
  });

  it('a points budget holds under racing dispatches: never more granted than the budget', async () => {
    const members: string[] = [];
    for (let i = 0; i < 10; i++) members.push(await member(`budget${i}`));
    const { campaignId } = (await create({ audience: { memberIds: members }, action: { type: 'points', points: 100 }, controls: { budgetPoints: 500 } })).body;
    const raced = await Promise.all(Array.from({ length: 3 }, () => call<Campaign>(h.svc, marketing, 'POST', `/v1/campaigns/${campaignId}/dispatch`)));
    for (const r of raced) expect(r.status).toBe(200);
    const c = (await call<Campaign>(h.svc, marketing, 'GET', `/v1/campaigns/${campaignId}`)).body;
    expect(c.dispatch!.sent).toBeGreaterThan(0);
    expect(c.dispatch!.sent).toBeLessThanOrEqual(5);
    expect(c.dispatch!.sent + c.dispatch!.skipped.budget_exhausted).toBe(10);
    expect(c.budgetSpentPoints).toBe(100 * c.dispatch!.sent);
    await waitUntil(() => grantsOf(campaignId).length >= c.dispatch!.sent, 20000, 'grants published');
    const r = await results(campaignId);
    expect(r).toMatchObject({ pointsGranted: 100 * c.dispatch!.sent, budgetSpentPoints: 100 * c.dispatch!.sent });
  });

  it('a coupon campaign asks points for one coupon per treated member, never for the held out or members without consent, however often it is dispatched', async () => {
    const members: string[] = [];
    for (let i = 0; i < 6; i++) members.push(await member(`coupon${i}`));
    const withdrawn = await member('coupon-withdrawn', false);
    const created = await create({
      audience: { memberIds: [...members, withdrawn] },
      action: { type: 'coupon', rewardId: 'coffee' },
      controls: { holdoutPercent: 50 },
    });
    expect(created.status).toBe(201);
    const { campaignId } = created.body;
    expect((created.body as unknown as { action: unknown }).action).toEqual({ type: 'coupon', rewardId: 'coffee' });
    const treated = members.filter((m) => !inHoldout(campaignId, m, 50));
    expect(treated.length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) expect((await call(h.svc, marketing, 'POST', `/v1/campaigns/${campaignId}/dispatch`)).status).toBe(200);

    await waitUntil(() => couponGrantsOf(campaignId).length >= treated.length, 20000, 'coupon grants published');
    const grants = couponGrantsOf(campaignId);
    expect(grants.map((g) => g.memberId).sort()).toEqual([...treated].sort());
    expect(new Set(grants.map((g) => g.grantId)).size).toBe(treated.length);
    for (const g of grants)
      expect(g).toMatchObject({ rewardId: 'coffee', source: 'segments', reasonCode: 'campaign_coupon', grantId: expect.stringMatching(/^grt_/) });
    expect(await results(campaignId)).toMatchObject({ treated: { members: treated.length }, skipped: { no_consent: 1 }, couponsIssued: 0, pointsGranted: 0 });

    // Points answers (each answer delivered twice): all issued but the first, which it refuses.
    const at = h.clock.now().toISOString();
    const [refused, ...issued] = grants;
    for (const g of issued) {
      const answer = {
        grantId: g.grantId,
        couponId: `cpn-g-${g.memberId}`,
        memberId: g.memberId,
        rewardId: g.rewardId,
        source: 'segments' as const,
        sourceRef: campaignId,
        expiresAt: at,
        grantedAt: at,
      };
      await handled(h.svc, await publish(h.svc, 'coupon.granted.v1', answer, 2));
    }
    await handled(
      h.svc,
      await publish(h.svc, 'coupon.grant.refused.v1', {
        grantId: refused.grantId,
        memberId: refused.memberId,
        rewardId: refused.rewardId,
        source: 'segments',
        sourceRef: campaignId,
        reason: 'reward_not_found',
        refusedAt: at,
      }),
    );
    expect((await results(campaignId)).couponsIssued).toBe(issued.length);
  });

  it('a frequency cap across campaigns skips members treated recently', async () => {
    const m = await member('capped');
    const first = (await create({ audience: { memberIds: [m] } })).body.campaignId;
    expect((await call<Campaign>(h.svc, marketing, 'POST', `/v1/campaigns/${first}/dispatch`)).body.dispatch).toMatchObject({ sent: 1 });
    const second = (await create({ audience: { memberIds: [m] }, controls: { frequencyCap: { maxTreatments: 1, windowDays: 7 } } })).body.campaignId;
    expect((await call<Campaign>(h.svc, marketing, 'POST', `/v1/campaigns/${second}/dispatch`)).body.dispatch).toMatchObject({
      sent: 0,
      skipped: { frequency_cap: 1 },
    });
  });

  it('an audience by stage, tier and store is evaluated at dispatch', async () => {
    const prospect = await member('prospect');
    const buyer = await member('buyer');
    await buy(buyer, 0);
    const created = await create({ kind: 'welcome', audience: { stages: ['prospect'], tiers: ['gold'], storeIds: ['store-9'] } });
    expect(created.status).toBe(201);
    const done = await call<Campaign>(h.svc, marketing, 'POST', `/v1/campaigns/${created.body.campaignId}/dispatch`);
    const recipients = await call<{ items: Array<{ memberId: string }> }>(
      h.svc,
      marketing,
      'GET',
      `/v1/campaigns/${created.body.campaignId}/recipients?limit=1000`,
    );
    const ids = recipients.body.items.map((i) => i.memberId);
    expect(ids).toContain(prospect);
    expect(ids).not.toContain(buyer);
    expect(done.body.audienceSize).toBe(ids.length);
  });

  it('refuses inconsistent campaigns naming the field and the rule', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ audience: { memberIds: ['m-1'], segments: ['champions'] } }, 'audience.memberIds', 'exclusive'],
      [{ audience: {} }, 'audience', 'notEmpty'],
      [{ trigger: { on: 'segment_entered' } }, 'trigger.segment', 'required'],
      [{ trigger: { on: 'stage_entered', stage: 'at_risk' }, audience: { memberIds: ['m-1'] } }, 'audience.memberIds', 'notWithTrigger'],
      [{ audience: { segments: ['vip'] } }, 'audience.segments', 'isIn'],
      [{ audience: { stages: ['champions'] } }, 'audience.stages', 'isIn'],
      [{ audience: { memberIds: ['m-1'] }, action: { type: 'points' } }, 'action.points', 'required'],
      [{ audience: { memberIds: ['m-1'] }, action: { type: 'coupon' } }, 'action.rewardId', 'required'],
      [{ audience: { memberIds: ['m-1'] }, action: { type: 'message', rewardId: 'coffee' } }, 'action.rewardId', 'notAllowed'],
      [
        { audience: { memberIds: ['m-1'] }, action: { type: 'coupon', rewardId: 'coffee' }, controls: { budgetPoints: 100 } },
        'controls.budgetPoints',
        'notAllowed',
      ],
      [{ audience: { memberIds: ['m-1'] }, controls: { budgetPoints: 100 } }, 'controls.budgetPoints', 'notAllowed'],
      [{ audience: { memberIds: ['m-1'] }, controls: { holdoutPercent: 80 } }, 'controls.holdoutPercent', 'max'],
      [
        { audience: { memberIds: ['m-1'] }, controls: { startsAt: '2026-03-02T00:00:00Z', endsAt: '2026-03-01T00:00:00Z' } },
        'controls.endsAt',
        'afterStartsAt',
      ],
    ];
    for (const [body, field, rule] of cases) {
      const r = await create(body);
      expect({ field, status: r.status }).toEqual({ field, status: 400 });
      expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    const oneOff = (await create({ audience: { memberIds: ['m-1'] } })).body.campaignId;
    expect((await call<Problem>(h.svc, marketing, 'POST', `/v1/campaigns/${oneOff}/activate`)).body).toMatchObject({ code: 'CAMPAIGN.NOT_TRIGGERED' });
    expect((await call(h.svc, auditor, 'POST', `/v1/campaigns/${oneOff}/activate`)).status).toBe(403);
  });
});
