import { ManualClock } from '@app/common';
import { startTestService, TopicReader, uniqueSuffix, waitUntil, type RunningTestService } from '@app/testing';
import { feedbackService } from '../../apps/feedback/src/feedback.service-descriptor';
import { FeedbackEnv } from '../../apps/feedback/src/config/feedback.env';
import { call as callService, staff } from '../../apps/feedback/src/testing/feedback-test-kit';
import { adminToken, customerToken as customerTokenOf, enrolAtTill, openStore, staffToken, startPlatform, type Platform } from './platform-harness';

type CaseBody = {
  caseId: string;
  status: string;
  memberId: string;
  escalationLevel: number;
  team: string;
  escalations: Array<{ level: number; reason: string }>;
  sla: Record<
    'acknowledge' | 'answer' | 'resolve',
    { dueAt: string; metAt: string | null; breachedAt: string | null; pausedSince: string | null; pausedMs: number; cycle: number }
  >;
  compensation: { status: string; points: number } | null;
};
type Metrics = {
  complaints: number;
  purchases: number;
  complaintRatePer1000: number | null;
  csi: number | null;
  responseRatePercent: number | null;
  onTimePercent: Record<string, number | null>;
  topCategories: Array<{ category: string; count: number }>;
  topTerms: Array<{ term: string; count: number }>;
};

const H = 3_600_000;

/**
 * A complaint's whole life through the gateway with every service real, an injected feedback
 * clock and two feedback instances: a customer complains, staff acknowledge, the answer deadline
 * is breached and escalated exactly once, a supervisor resolves with compensation points that
 * reach the balance once, the customer rates it with the survey token, the store's KPIs show it;
 * a coupon compensation reaches the member's coupons once.
 */
describe('feedback journey: complaint, deadline, escalation, compensation, survey, metrics', () => {
  let p: Platform;
  let second: RunningTestService;
  let reader: TopicReader;
  const clock = new ManualClock(new Date());
  const STORE = `fb-store-${uniqueSuffix()}`;
  const tokens: Record<string, string> = {};
  let posKey = '';

  async function enrolAndBuy(): Promise<string> {
    const memberId = await enrolAtTill(p, posKey, STORE);
    const sale = await p.call('POST', '/v1/pos/transactions', {
      apiKey: posKey,
      body: {
        storeId: STORE,
        terminalId: 'till-1',
        transactionId: `T-${uniqueSuffix()}`,
        member: { memberId },
        occurredAt: new Date().toISOString(),
        currency: 'CNY',
        lines: [{ sku: 'MILK-1L', category: 'dairy', quantity: 2, unitPriceMinor: 1250 }],
        totalMinor: 2500,
        tender: 'card',
      },
    });
    expect(sale.status).toBe(201);
    return memberId;
  }
  const customerToken = (memberId: string) => customerTokenOf(p, memberId);

  const available = async (memberId: string) =>
    (await p.call<{ available: number }>('GET', `/v1/members/${memberId}/points/balance`, { token: tokens.service_agent })).body.available;
  const getCase = async (caseId: string) => (await p.call<CaseBody>('GET', `/v1/feedback/cases/${caseId}`, { token: tokens.service_supervisor })).body;
  const move = (caseId: string, to: string, token = tokens.service_agent) =>
    p.call<CaseBody>('POST', `/v1/feedback/cases/${caseId}/transitions`, { token, body: { to } });

  beforeAll(async () => {
    p = await startPlatform({ clocks: { feedback: clock } });
    // A second feedback instance on the same database and consumer group: the scheduler races.
    second = await startTestService(feedbackService, p.services.feedback.app.get(FeedbackEnv), { clock, consume: false });
    reader = await TopicReader.start(['feedback.survey.requested.v1', 'feedback.case.escalated.v1']);
    tokens.admin = await adminToken(p);
    posKey = await openStore(p, tokens.admin, STORE);
    for (const role of ['service_agent', 'service_supervisor', 'auditor', 'marketing'] as const) tokens[role] = await staffToken(p, tokens.admin, role);
    tokens.store_manager = await staffToken(p, tokens.admin, 'store_manager', [STORE]);
  }, 180_000);

  afterAll(async () => {
    await reader?.stop();
    await second?.close({ keepDatabase: true });
    await p?.close();
  });

  it('a complaint is acknowledged, breaches its answer deadline, is escalated once, compensated once, surveyed and counted', async () => {
    const memberId = await enrolAndBuy();
    const customer = await customerToken(memberId);
    const before = await available(memberId);

    const bad = await p.call('POST', '/v1/me/cases', {
      token: customer,
      body: { kind: 'complaint', subtype: 'complaint', category: 'rudeness', description: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field: 'category' })]) });

    const opened = await p.call<CaseBody>('POST', '/v1/me/cases', {
      token: customer,
      body: {
        kind: 'complaint',
        subtype: 'complaint',
        category: 'payment_checkout',
        storeId: STORE,
        description: '收银员多收钱，小票上的牛奶价格和价签不符，要求退款。',
      },
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId;
    expect(opened.body).toMatchObject({ memberId, status: 'new' });
    expect((await p.call('GET', `/v1/me/cases/${caseId}`, { token: await customerToken(await enrolAndBuy()) })).status).toBe(404);
    expect((await p.call('GET', `/v1/feedback/cases/${caseId}`, { token: tokens.marketing })).status).toBe(403);
    expect((await p.call('GET', `/v1/feedback/cases/${caseId}`, { token: tokens.auditor })).status).toBe(200);
    expect((await move(caseId, 'closed')).body).toMatchObject({ code: 'FEEDBACK.ILLEGAL_TRANSITION' });
    expect((await move(caseId, 'acknowledged')).status).toBe(200);

    clock.advance(48 * H + 60_000);
    const viaGateway = p.call('POST', '/v1/feedback/jobs/run', { token: tokens.admin });
    const viaSecond = callService(second, staff.admin(), 'POST', '/v1/feedback/jobs/run');
    const [a, b] = await Promise.all([viaGateway, viaSecond]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await Promise.all([p.call('POST', '/v1/feedback/jobs/run', { token: tokens.admin }), callService(second, staff.admin(), 'POST', '/v1/feedback/jobs/run')]);
    const escalated = await getCase(caseId);
    expect(escalated).toMatchObject({ escalationLevel: 1, team: 'supervisors', escalations: [{ level: 1, reason: 'sla_breach_answer' }] });
    expect(escalated.sla.answer.breachedAt).not.toBeNull();
    await reader.waitFor((m) => m.topic === 'feedback.case.escalated.v1' && m.value!.includes(caseId));
    const queue = await p.call<{ items: Array<{ caseId: string }> }>('GET', `/v1/feedback/cases?queue=team&breached=true&storeId=${STORE}`, {
      token: tokens.service_supervisor,
    });
    expect(queue.body.items.map((i) => i.caseId)).toEqual([caseId]);

    const resolved = await p.call<CaseBody>('POST', `/v1/feedback/cases/${caseId}/resolution`, {
      token: tokens.service_supervisor,
      body: { outcomes: ['refund', 'compensation_points'], compensationPoints: 300, note: '退差价并补偿积分' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.compensation).toMatchObject({ status: 'granted', points: 300 });
    await waitUntil(async () => (await available(memberId)) === before + 300, 30_000, 'compensation on the balance');
    await new Promise((r) => setTimeout(r, 1500)); // both instances' relays have had their chance to deliver again
    expect(await available(memberId)).toBe(before + 300);
    expect(
      new Set(reader.messages.filter((m) => m.topic === 'feedback.case.escalated.v1' && m.value!.includes(caseId)).map((m) => m.headers['event-id'])).size,
    ).toBe(1);

    const survey = await reader.waitFor((m) => m.topic === 'feedback.survey.requested.v1' && m.value!.includes(caseId));
    const token = survey.json<{ payload: { token: string } }>().payload.token;
    const answered = await p.call('POST', `/v1/feedback/surveys/${token}`, { body: { score: 5, comment: '处理很及时' } });
    expect(answered.status).toBe(200);
    expect((await p.call('POST', `/v1/feedback/surveys/${token}`, { body: { score: 1 } })).status).toBe(410);

    const from = new Date(clock.now().getTime() - 10 * 24 * H).toISOString();
    const to = new Date(clock.now().getTime() + 24 * H).toISOString();
    const metrics = await waitUntil(
      async () => {
        const r = await p.call<Metrics>('GET', `/v1/feedback/metrics?from=${from}&to=${to}`, { token: tokens.store_manager });
        return r.status === 200 && r.body.purchases >= 2 ? r.body : null;
      },
      30_000,
      'purchases counted',
    );
    expect(metrics).toMatchObject({
      complaints: 1,
      purchases: 2,
      complaintRatePer1000: 500,
      csi: 100,
      responseRatePercent: 100,
      onTimePercent: { acknowledge: 100, answer: 0, resolve: 100 },
    });
    expect(metrics.topCategories).toEqual([{ category: 'payment_checkout', count: 1 }]);
    expect(metrics.topTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['收银员', '多收钱', '小票', '价签', '退款']));
    expect((await p.call('GET', '/v1/feedback/metrics?storeId=another-store', { token: tokens.store_manager })).status).toBe(403);
  });

  it("a coupon compensation reaches the member's coupons once, free of points, and only once per case", async () => {
    const rewardId = `apology-${uniqueSuffix()}`;
    expect(
      (
        await p.call('POST', '/v1/rewards', {
          token: tokens.admin,
          body: { rewardId, name: '致歉咖啡券 / Apology coffee', pointsCost: 300, couponValidityDays: 30 },
        })
      ).status,
    ).toBe(201);
    const memberId = await enrolAndBuy();
    const customer = await customerToken(memberId);
    const before = await available(memberId);
    const caseId = (
      await p.call<CaseBody>('POST', '/v1/me/cases', {
        token: customer,
        body: { kind: 'complaint', subtype: 'complaint', category: 'product_quality', storeId: STORE, description: '牛奶过期了' },
      })
    ).body.caseId;
    await move(caseId, 'acknowledged');
    const resolved = await p.call<CaseBody & { couponCompensation: unknown }>('POST', `/v1/feedback/cases/${caseId}/resolution`, {
      token: tokens.service_agent,
      body: { outcomes: ['apology', 'coupon'], compensationCouponRewardId: rewardId, note: '致歉并送券' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.couponCompensation).toMatchObject({ grantId: `cpg_${caseId}`, rewardId, status: 'requested' });

    type Coupons = { items: Array<{ couponId: string; rewardId: string; pointsCost: number; state: string }> };
    const coupons = async () => (await p.call<Coupons>('GET', `/v1/members/${memberId}/coupons`, { token: customer })).body.items;
    await waitUntil(async () => (await coupons()).length > 0, 30_000, "coupon in the member's coupons");
    await p.call('POST', `/v1/feedback/cases/${caseId}/reopen`, { token: tokens.service_agent, body: { note: '客户仍不满意' } });
    const again = await p.call('POST', `/v1/feedback/cases/${caseId}/resolution`, {
      token: tokens.service_agent,
      body: { outcomes: ['coupon'], compensationCouponRewardId: rewardId },
    });
    expect(again.status).toBe(409);
    await new Promise((r) => setTimeout(r, 1500)); // both instances' relays have had their chance to deliver again
    expect(await coupons()).toEqual([expect.objectContaining({ rewardId, pointsCost: 0, state: 'issued' })]);
    expect(await available(memberId)).toBe(before);
    const [coupon] = await coupons();
    await waitUntil(
      async () => ((await getCase(caseId)) as CaseBody & { couponCompensation: { status: string } }).couponCompensation.status === 'granted',
      30_000,
      'the case shows the coupon granted',
    );
    expect(await getCase(caseId)).toMatchObject({ couponCompensation: { status: 'granted', couponId: coupon.couponId } });
  });

  it('awaiting the customer pauses the deadlines, the reply restarts them, and a resolved case reopens', async () => {
    const memberId = await enrolAndBuy();
    const customer = await customerToken(memberId);
    const caseId = (
      await p.call<CaseBody>('POST', '/v1/me/cases', {
        token: customer,
        body: { kind: 'after_sales', subtype: 'repair', category: 'product_quality', storeId: STORE, description: '电饭煲在保修期内坏了，要求维修' },
      })
    ).body.caseId;
    await move(caseId, 'acknowledged');
    clock.advance(5 * H);
    const waiting = (await move(caseId, 'awaiting_customer')).body;
    expect(waiting.sla.resolve.pausedSince).toBe(clock.now().toISOString());
    clock.advance(100 * H);
    await p.call('POST', '/v1/feedback/jobs/run', { token: tokens.admin });
    expect((await getCase(caseId)).escalationLevel).toBe(0);
    const replied = await p.call<CaseBody>('POST', `/v1/me/cases/${caseId}/replies`, { token: customer, body: { message: '发票照片已上传' } });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ status: 'investigating', sla: { resolve: { pausedSince: null, pausedMs: 100 * H } } });
    const noMessage = await p.call('POST', `/v1/me/cases/${caseId}/replies`, { token: customer, body: {} });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field: 'message' })]) });

    expect((await p.call('POST', `/v1/feedback/cases/${caseId}/resolution`, { token: tokens.service_agent, body: { outcomes: ['repair'] } })).status).toBe(200);
    const reopened = await p.call<CaseBody>('POST', `/v1/feedback/cases/${caseId}/reopen`, { token: tokens.service_agent, body: { note: '维修后又坏了' } });
    expect(reopened.body).toMatchObject({ status: 'investigating', sla: { resolve: { cycle: 1, metAt: null } } });
    const mine = await p.call<{ items: Array<{ caseId: string }> }>('GET', '/v1/me/cases', { token: customer });
    expect(mine.body.items.map((i) => i.caseId)).toEqual([caseId]);
  });
});
