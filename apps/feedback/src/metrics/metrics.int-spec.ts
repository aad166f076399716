import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { call, complaint, publish, staff, startFeedback, type FeedbackHarness } from '../testing/feedback-test-kit';
import type { MetricsReport } from './metrics.service';

const H = 3_600_000;

/** KPIs from real cases and purchase.recorded events on the real broker, by store and period. */
describe('feedback metrics (real Kafka + database)', () => {
  let h: FeedbackHarness;
  let reader: TopicReader;
  const agent = staff.agent('stf-metrics');
  const STORE = `store-m-${uniqueSuffix()}`;
  const period = 'from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z';

  beforeAll(async () => {
    h = await startFeedback('2026-04-02T09:00:00.000Z');
    reader = await TopicReader.start(['feedback.survey.requested.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('reports complaint rate, on-time shares, time to resolve, CSI, repeats, categories and terms for one store', async () => {
    const purchases = Array.from({ length: 8 }, (_, i) => ({
      purchaseId: `p-${uniqueSuffix()}-${i}`,
      memberId: null,
      storeId: STORE,
      amountMinor: 1000,
      currency: 'CNY',
      categories: [],
      occurredAt: '2026-04-02T10:00:00.000Z',
    }));
    for (const p of purchases) await publish(h.svc, 'purchase.recorded.v1', p);
    await publish(h.svc, 'purchase.recorded.v1', { ...purchases[0], purchaseId: `other-${uniqueSuffix()}`, storeId: 'elsewhere' }); // not counted for STORE
    await publish(h.svc, 'purchase.recorded.v1', { ...purchases[1], memberId: 'm-claimed' }); // a claim re-announces a purchase: counted once

    const memberId = `m-${uniqueSuffix()}`;
    const open = async (o: Record<string, unknown>) =>
      (await call<{ caseId: string }>(h.svc, agent, 'POST', '/v1/feedback/cases', complaint({ storeId: STORE, memberId, ...o }))).body.caseId;
    const a = await open({ category: 'payment_checkout', description: '收银员多收钱，小票和价签不符' });
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${a}/transitions`, { to: 'acknowledged' });
    h.clock.advance(10 * H);
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${a}/resolution`, { outcomes: ['refund'] });
    const b = await open({ category: 'payment_checkout', description: 'The cashier overcharged me, 收银员态度差' });
    h.clock.advance(30 * H);
    await call(h.svc, staff.admin(), 'POST', '/v1/feedback/jobs/run');
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${b}/transitions`, { to: 'acknowledged' });
    h.clock.advance(20 * H);
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${b}/resolution`, { outcomes: ['apology'] });
    await open({ kind: 'consultation', subtype: 'membership', category: 'other', description: '积分怎么兑换？' });

    for (const caseId of [a, b]) {
      const msg = await reader.waitFor((m) => m.value!.includes(caseId));
      const token = msg.json<{ payload: { token: string } }>().payload.token;
      await call(h.svc, null, 'POST', `/v1/feedback/surveys/${token}`, { score: caseId === a ? 5 : 3 });
    }

    const report = await waitUntil(async () => {
      const r = await call<MetricsReport>(h.svc, staff.supervisor(), 'GET', `/v1/feedback/metrics?storeId=${STORE}&${period}`);
      return r.body.purchases === 8 ? r.body : null;
    });
    expect(report).toMatchObject({
      storeId: STORE,
      complaints: 2,
      consultations: 1,
      purchases: 8,
      complaintRatePer1000: 250,
      resolutionRatePercent: 100,
      // b: acknowledged after its breach (30 h), answered late at 50 h (no scheduler run), resolved in time.
      onTimePercent: { acknowledge: 50, answer: 50, resolve: 100 },
      timeToResolveHours: { median: 10, p90: 50 },
      csi: 50,
      responseRatePercent: 100,
      repeatRatePercent: 50,
      topCategories: [{ category: 'payment_checkout', count: 2 }],
    });
    expect(report.topTerms[0]).toEqual({ term: '收银员', count: 2 });
    expect(report.topTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['多收钱', '小票', 'cashier']));

    const manager = staff.manager(STORE);
    expect((await call<MetricsReport>(h.svc, manager, 'GET', `/v1/feedback/metrics?${period}`)).body).toMatchObject({ complaints: 2 });
    expect((await call(h.svc, manager, 'GET', `/v1/feedback/metrics?storeId=elsewhere&${period}`)).status).toBe(403);
    const bad = await call(h.svc, staff.supervisor(), 'GET', '/v1/feedback/metrics?from=last-week');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ field: 'from' })] });
  });
});
