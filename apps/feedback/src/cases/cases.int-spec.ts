import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { CASE_MODEL } from './case.schema';
import { call, complaint, publish, staff, startFeedback, type FeedbackHarness } from '../testing/feedback-test-kit';

type CaseBody = {
  caseId: string;
  status: string;
  memberId: string | null;
  contact: Record<string, string> | null;
  description: string | null;
  escalationLevel: number;
  team: string;
  repeat: boolean;
  repeatOf: string | null;
  history: Array<{ action: string; from: string | null; to: string | null; note: string | null; actor: { id: string; role: string }; at: string }>;
  escalations: Array<{ level: number; reason: string }>;
  sla: Record<
    'acknowledge' | 'answer' | 'resolve',
    { dueAt: string; metAt: string | null; breachedAt: string | null; warnedAt: string | null; pausedSince: string | null; pausedMs: number; cycle: number }
  >;
  compensation: { status: string; points: number } | null;
  survey: { surveyId: string; score: number | null } | null;
  erased: boolean;
};

const H = 3_600_000;

/**
 * Cases against the real broker and database with a manual clock: intake with encrypted
 * contacts, the status flow and its history, SLA warnings and breaches escalated once with two
 * instances running the scheduler at the same time, pausing while awaiting the customer,
 * resolution with compensation once and within limits, surveys, reopening, erasure.
 */
describe('feedback cases (real Kafka + database)', () => {
  let h: FeedbackHarness;
  let reader: TopicReader;
  const agent = staff.agent();

  const open = (body: Record<string, unknown>, actor = agent) => call<CaseBody>(h.svc, actor, 'POST', '/v1/feedback/cases', body);
  const get = (caseId: string, actor = agent, query = '') => call<CaseBody>(h.svc, actor, 'GET', `/v1/feedback/cases/${caseId}${query}`);
  const move = (caseId: string, to: string, note?: string, actor = agent) =>
    call<CaseBody>(h.svc, actor, 'POST', `/v1/feedback/cases/${caseId}/transitions`, { to, note });
  const runJobs = (svc = h.svc) => call<{ warned: number; breached: number; escalated: number }>(svc, staff.admin(), 'POST', '/v1/feedback/jobs/run');
  const member = () => `m-${uniqueSuffix()}`;

  beforeAll(async () => {
    h = await startFeedback();
    reader = await TopicReader.start([
      'feedback.case.opened.v1',
      'feedback.case.escalated.v1',
      'feedback.case.sla-warning.v1',
      'feedback.case.sla-breached.v1',
      'points.compensation.granted.v1',
      'coupon.grant.requested.v1',
      'feedback.survey.requested.v1',
      'feedback.survey.completed.v1',
    ]);
  });

  afterAll(async () => {
    await reader?.stop();
    await h?.close();
  });

  it('stores a non-member contact encrypted, masks it by role and flags a repeat complaint of the same contact', async () => {
    const phone = `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const first = await open(complaint({ contact: { name: '王芳', phone } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'new',
      memberId: null,
      repeat: false,
      contact: { name: '王*', phone: expect.stringMatching(/^139\*{4}\d{4}$/) },
    });
    const raw = await h.svc.connection.collection(h.svc.connection.model(CASE_MODEL).collection.name).findOne({ _id: first.body.caseId as never });
    expect(JSON.stringify(raw)).not.toContain(phone.slice(3));
    expect(JSON.stringify(raw)).not.toContain('王芳');
    expect((await get(first.body.caseId, agent, '?view=full')).body.contact).toEqual({ name: '王芳', phone });
    expect((await get(first.body.caseId, staff.auditor(), '?view=full')).body.contact).toMatchObject({ name: '王*' });

    h.clock.advance(24 * H);
    const again = await open(complaint({ contact: { name: 'Wang Fang', phone }, channel: 'store' }));
    expect(again.body).toMatchObject({ repeat: true, repeatOf: first.body.caseId });
    const otherCategory = await open(complaint({ contact: { phone }, category: 'store_environment' }));
    expect(otherCategory.body.repeat).toBe(false);
    const opened = await reader.waitFor(
      (m) => m.topic === 'feedback.case.opened.v1' && m.json<{ payload: { caseId: string } }>().payload.caseId === again.body.caseId,
    );
    expect(opened.value).not.toContain(phone);
    expect(opened.json()).toMatchObject({ payload: { repeat: true, kind: 'complaint', memberId: null } });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const badSubtype = await open(complaint({ kind: 'after_sales', subtype: 'complaint', memberId: member() }));
    expect(badSubtype.status).toBe(400);
    expect(badSubtype.body).toMatchObject({ errors: [expect.objectContaining({ field: 'subtype' })] });
    const badCategory = await open(complaint({ category: 'weather', memberId: member() }));
    expect(badCategory.status).toBe(400);
    expect(badCategory.body).toMatchObject({ errors: [expect.objectContaining({ field: 'category' })] });
    const nobody = await open(complaint());
    expect(nobody.status).toBe(400);
    expect(nobody.body).toMatchObject({ errors: [expect.objectContaining({ field: 'contact' })] });
    const badPhone = await open(complaint({ contact: { phone: 'call me' } }));
    expect(badPhone.body).toMatchObject({ errors: [expect.objectContaining({ field: 'contact.phone' })] });
  });

  it('follows the status flow, records who moved it when and why, and answers an illegal move with a 409', async () => {
    const c = (await open(complaint({ memberId: member() }))).body;
    const illegal = await move(c.caseId, 'closed');
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'FEEDBACK.ILLEGAL_TRANSITION' });
    const acked = await move(c.caseId, 'acknowledged', '已受理');
    expect(acked.status).toBe(200);
    expect(acked.body.sla.acknowledge.metAt).toBe(h.clock.now().toISOString());
    expect((await move(c.caseId, 'investigating')).status).toBe(200);
    const history = (await get(c.caseId)).body.history;
    expect(history.map((e) => [e.action, e.from, e.to])).toEqual([
      ['opened', null, 'new'],
      ['transition', 'new', 'acknowledged'],
      ['transition', 'acknowledged', 'investigating'],
    ]);
    expect(history[1]).toMatchObject({ actor: { id: agent.id, role: 'service_agent' }, note: '已受理', at: h.clock.now().toISOString() });
  });

  it('warns at 75 %, then escalates a breached answer deadline exactly once with two instances running the scheduler', async () => {
    const start = h.clock.now().getTime();
    const c = (await open(complaint({ memberId: member() }))).body;
    await move(c.caseId, 'acknowledged');
    h.clock.set(new Date(start + 36 * H + 1000));
    await Promise.all([runJobs(h.svc), runJobs(h.second)]);
    const warned = (await get(c.caseId)).body;
    expect(warned.sla.answer.warnedAt).not.toBeNull();
    expect(warned.escalationLevel).toBe(0);

    h.clock.set(new Date(start + 48 * H + 1000));
    const reports = await Promise.all([runJobs(h.svc), runJobs(h.second), runJobs(h.svc), runJobs(h.second)]);
    expect(reports.every((r) => r.status === 200)).toBe(true);
    await Promise.all([runJobs(h.svc), runJobs(h.second)]);
    const escalated = (await get(c.caseId)).body;
    expect(escalated).toMatchObject({ escalationLevel: 1, team: 'supervisors', escalations: [{ level: 1, reason: 'sla_breach_answer' }] });
    expect(escalated.sla.answer.breachedAt).toBe(new Date(start + 48 * H + 1000).toISOString());
    expect(escalated.sla.acknowledge.breachedAt).toBeNull();

    await reader.waitFor((m) => m.topic === 'feedback.case.escalated.v1' && m.value!.includes(c.caseId));
    await new Promise((r) => setTimeout(r, 1000)); // any second escalation would have been relayed by now
    // Distinct event ids: a relay may deliver one stored event twice (consumers deduplicate on the id);
    // a second escalation would be a second event id.
    const of = (topic: string) => [
      ...new Map(reader.messages.filter((m) => m.topic === topic && m.value!.includes(c.caseId)).map((m) => [m.headers['event-id'], m])).values(),
    ];
    expect(of('feedback.case.escalated.v1')).toHaveLength(1);
    expect(of('feedback.case.sla-breached.v1')).toHaveLength(1);
    expect(of('feedback.case.sla-warning.v1').map((m) => m.json<{ payload: { clock: string } }>().payload.clock)).toEqual(['answer']);

    const queue = await call<{ items: CaseBody[] }>(h.svc, staff.supervisor(), 'GET', '/v1/feedback/cases?queue=team&breached=true');
    expect(queue.body.items.map((i) => i.caseId)).toContain(c.caseId);
  });

  it('pauses every running deadline while awaiting the customer and moves them by the pause on the reply', async () => {
    const memberId = member();
    const start = h.clock.now().getTime();
    const c = (await open(complaint({ memberId }))).body;
    await move(c.caseId, 'acknowledged');
    h.clock.set(new Date(start + 10 * H));
    const waiting = (await move(c.caseId, 'awaiting_customer', '请提供小票照片')).body;
    expect(waiting.sla.answer.metAt).not.toBeNull();
    expect(waiting.sla.resolve.pausedSince).toBe(new Date(start + 10 * H).toISOString());

    h.clock.set(new Date(start + 200 * H));
    await runJobs();
    expect((await get(c.caseId)).body.sla.resolve.breachedAt).toBeNull();

    const reply = await call<CaseBody>(h.svc, staff.customer(memberId), 'POST', `/v1/me/cases/${c.caseId}/replies`, { message: '照片已上传' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('investigating');
    expect(reply.body.sla.resolve).toMatchObject({ pausedSince: null, pausedMs: 190 * H, dueAt: new Date(start + 72 * H + 190 * H).toISOString() });
    expect(reply.body.history.at(-1)).toMatchObject({ action: 'customer_reply', from: 'awaiting_customer', to: 'investigating' });
    const notWaiting = await call(h.svc, staff.customer(memberId), 'POST', `/v1/me/cases/${c.caseId}/replies`, { message: 'again' });
    expect(notWaiting.status).toBe(409);
    const someoneElse = await call(h.svc, staff.customer(member()), 'GET', `/v1/me/cases/${c.caseId}`);
    expect(someoneElse.status).toBe(404);
  });

  it('grants compensation once within the limits and holds a larger one for a supervisor', async () => {
    const memberId = member();
    const small = (await open(complaint({ memberId }))).body;
    await move(small.caseId, 'acknowledged');
    const resolved = await call<CaseBody>(h.svc, agent, 'POST', `/v1/feedback/cases/${small.caseId}/resolution`, {
      outcomes: ['apology', 'compensation_points'],
      compensationPoints: 200,
      note: '致歉并补偿',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', compensation: { status: 'granted', points: 200 } });
    const grant = await reader.waitFor((m) => m.topic === 'points.compensation.granted.v1' && m.value!.includes(small.caseId));
    expect(grant.json()).toMatchObject({ payload: { memberId, points: 200, caseId: small.caseId, compensationId: `comp_${small.caseId}` } });

    const big = (await open(complaint({ memberId }))).body;
    await move(big.caseId, 'acknowledged');
    const held = await call<CaseBody>(h.svc, agent, 'POST', `/v1/feedback/cases/${big.caseId}/resolution`, {
      outcomes: ['compensation_points'],
      compensationPoints: 800,
    });
    expect(held.body.compensation).toMatchObject({ status: 'awaiting_approval', points: 800 });
    expect((await call(h.svc, agent, 'POST', `/v1/feedback/cases/${big.caseId}/compensation/approval`)).status).toBe(403);
    const approved = await call<CaseBody>(h.svc, staff.supervisor(), 'POST', `/v1/feedback/cases/${big.caseId}/compensation/approval`);
    expect(approved.body.compensation).toMatchObject({ status: 'granted', points: 800 });
    expect((await call(h.svc, staff.supervisor(), 'POST', `/v1/feedback/cases/${big.caseId}/compensation/approval`)).body).toMatchObject({
      code: 'FEEDBACK.NO_APPROVAL_PENDING',
    });
    await reader.waitFor((m) => m.topic === 'points.compensation.granted.v1' && m.value!.includes(big.caseId));
    await new Promise((r) => setTimeout(r, 500));
    const grants = reader.messages.filter(
      (m) => m.topic === 'points.compensation.granted.v1' && (m.value!.includes(big.caseId) || m.value!.includes(small.caseId)),
    );
    expect(new Set(grants.map((m) => m.headers['event-id'])).size).toBe(2);

    const contactCase = (await open(complaint({ contact: { email: 'guest@example.com' } }))).body;
    await move(contactCase.caseId, 'acknowledged');
    const refused = await call(h.svc, agent, 'POST', `/v1/feedback/cases/${contactCase.caseId}/resolution`, {
      outcomes: ['compensation_points'],
      compensationPoints: 10,
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'FEEDBACK.COMPENSATION_NEEDS_MEMBER' });
  });

  it('a coupon compensation asks points for the coupon once per case, even when the case is resolved again', async () => {
    const memberId = member();
    const c = (await open(complaint({ memberId }))).body;
    await move(c.caseId, 'acknowledged');
    const noOutcome = await call(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/resolution`, {
      outcomes: ['apology'],
      compensationCouponRewardId: 'coffee',
    });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body).toMatchObject({ errors: [{ field: 'outcomes', rule: 'includesCoupon' }] });
    const resolved = await call<CaseBody & { couponCompensation: unknown }>(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/resolution`, {
      outcomes: ['apology', 'coupon'],
      compensationCouponRewardId: 'coffee',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.couponCompensation).toMatchObject({
      grantId: `cpg_${c.caseId}`,
      rewardId: 'coffee',
      status: 'requested',
      requestedBy: { id: agent.id },
    });
    const grant = await reader.waitFor((m) => m.topic === 'coupon.grant.requested.v1' && m.value!.includes(c.caseId));
    expect(grant.json()).toMatchObject({
      payload: { grantId: `cpg_${c.caseId}`, memberId, rewardId: 'coffee', source: 'feedback', sourceRef: c.caseId, reasonCode: 'feedback_case_compensation' },
    });
    expect(grant.value).not.toContain('@');

    // Points answers (twice, as a redelivery would): the case shows the coupon once; a late contrary answer changes nothing.
    const answer = {
      grantId: `cpg_${c.caseId}`,
      couponId: 'cpn-g-1',
      memberId,
      rewardId: 'coffee',
      source: 'feedback' as const,
      sourceRef: c.caseId,
      expiresAt: '2026-04-01T00:00:00.000Z',
      grantedAt: h.clock.now().toISOString(),
    };
    const answered = [await publish(h.svc, 'coupon.granted.v1', answer), await publish(h.svc, 'coupon.granted.v1', answer)];
    const refusedLate = await publish(h.svc, 'coupon.grant.refused.v1', {
      grantId: answer.grantId,
      memberId,
      rewardId: 'coffee',
      source: 'feedback',
      sourceRef: c.caseId,
      reason: 'reward_not_found',
      refusedAt: answer.grantedAt,
    });
    await waitUntil(
      async () => (await h.svc.connection.model('ProcessedEvent').countDocuments({ eventId: { $in: [...answered, refusedLate] } })) === 3,
      30000,
      'answers handled',
    );
    expect((await get(c.caseId)).body).toMatchObject({
      couponCompensation: { status: 'granted', couponId: 'cpn-g-1', refusal: null, settledAt: answer.grantedAt },
    });

    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/reopen`, { note: '客户再次来电' });
    const again = await call(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/resolution`, { outcomes: ['coupon'], compensationCouponRewardId: 'coffee' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'FEEDBACK.COUPON_COMPENSATION_EXISTS' });

    const contactCase = (await open(complaint({ contact: { email: 'guest@example.com' } }))).body;
    await move(contactCase.caseId, 'acknowledged');
    const refused = await call(h.svc, agent, 'POST', `/v1/feedback/cases/${contactCase.caseId}/resolution`, {
      outcomes: ['coupon'],
      compensationCouponRewardId: 'coffee',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'FEEDBACK.COMPENSATION_NEEDS_MEMBER' });
  });

  it('surveys once by token; a low score opens a follow-up; reopening works only within the window', async () => {
    const memberId = member();
    const c = (await open(complaint({ memberId, category: 'payment_checkout' }))).body;
    await move(c.caseId, 'acknowledged');
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/resolution`, { outcomes: ['refund'] });
    const requested = await reader.waitFor((m) => m.topic === 'feedback.survey.requested.v1' && m.value!.includes(c.caseId));
    const token = requested.json<{ payload: { token: string } }>().payload.token;
    const bad = await call(h.svc, null, 'POST', `/v1/feedback/surveys/${token}`, { score: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ field: 'score' })] });
    const answered = await call<{ followUpCaseId: string }>(h.svc, null, 'POST', `/v1/feedback/surveys/${token}`, { score: 2, comment: '退款太慢' });
    expect(answered.status).toBe(200);
    expect(answered.body.followUpCaseId).toEqual(expect.any(String));
    expect((await call(h.svc, null, 'POST', `/v1/feedback/surveys/${token}`, { score: 5 })).status).toBe(410);
    expect((await call(h.svc, null, 'POST', '/v1/feedback/surveys/not-a-real-token-0123456789', { score: 5 })).status).toBe(404);
    const followUp = (await get(answered.body.followUpCaseId)).body;
    expect(followUp).toMatchObject({ memberId, status: 'new', repeat: true });

    h.clock.advance(13 * 24 * H);
    const reopened = await call<CaseBody>(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/reopen`, { note: '客户再次来电' });
    expect(reopened.body).toMatchObject({ status: 'investigating' });
    expect(reopened.body.sla.resolve).toMatchObject({ cycle: 1, metAt: null, dueAt: new Date(h.clock.now().getTime() + 72 * H).toISOString() });
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/resolution`, { outcomes: ['apology'] });
    h.clock.advance(15 * 24 * H);
    const late = await call(h.svc, agent, 'POST', `/v1/feedback/cases/${c.caseId}/reopen`, {});
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'FEEDBACK.REOPEN_WINDOW_CLOSED' });
  });

  it('copies the SLA policy onto a case when it opens: a later change moves no existing deadline', async () => {
    h.clock.set('2026-03-06T02:00:00.000Z'); // Friday 10:00 in Shanghai
    const consultation = (o: Record<string, unknown> = {}) =>
      complaint({ kind: 'consultation', subtype: 'product', category: 'other', severity: 'urgent', memberId: member(), ...o });
    const before = (await open(consultation())).body;
    expect(before.sla.answer.dueAt).toBe('2026-03-06T06:00:00.000Z'); // default: 4 h

    const put = (body: Record<string, unknown>) => call(h.svc, staff.supervisor(), 'PUT', '/v1/feedback/sla-policies/consultation/urgent', body);
    const disordered = await put({ acknowledgeMinutes: 120, answerMinutes: 60, resolveMinutes: 600 });
    expect(disordered.status).toBe(400);
    expect(disordered.body).toMatchObject({ errors: [expect.objectContaining({ field: 'answerMinutes' })] });
    expect(
      (await call(h.svc, agent, 'PUT', '/v1/feedback/sla-policies/consultation/urgent', { acknowledgeMinutes: 1, answerMinutes: 2, resolveMinutes: 3 })).status,
    ).toBe(403);
    expect((await put({ acknowledgeMinutes: 60, answerMinutes: 11 * 60, resolveMinutes: 24 * 60, calendar: 'business' })).body).toMatchObject({
      version: 1,
      calendar: 'business',
    });

    const after = (await open(consultation())).body as CaseBody & { policy: { version: number; calendar: string } };
    expect(after.policy).toMatchObject({ version: 1, calendar: 'business' });
    // 11 open hours from Friday 10:00 (09:00-21:00, UTC+8): Friday 21:00 is 11 h -> due Friday 13:00Z.
    expect(after.sla.answer.dueAt).toBe('2026-03-06T13:00:00.000Z');
    // 24 h: 11 on Friday, 12 on Saturday, 1 on Sunday (open every day by default) -> Sunday 10:00 local.
    expect(after.sla.resolve.dueAt).toBe('2026-03-08T02:00:00.000Z');
    expect((await get(before.caseId)).body.sla.answer.dueAt).toBe('2026-03-06T06:00:00.000Z');
  });

  it('assigns a case to an agent: it is in their queue, due soonest first', async () => {
    const me = staff.agent(`stf-${uniqueSuffix()}`);
    const later = (await open(complaint({ memberId: member(), severity: 'routine' }))).body;
    const sooner = (await open(complaint({ memberId: member(), severity: 'urgent' }))).body;
    for (const c of [later, sooner]) {
      const assigned = await call<CaseBody>(h.svc, staff.supervisor(), 'POST', `/v1/feedback/cases/${c.caseId}/assignment`, {
        assignee: me.id,
        note: '请跟进',
      });
      expect(assigned.status).toBe(200);
    }
    const mine = await call<{ items: CaseBody[] }>(h.svc, me, 'GET', '/v1/feedback/cases?queue=mine');
    expect(mine.body.items.map((i) => i.caseId)).toEqual([sooner.caseId, later.caseId]);
    expect((await get(later.caseId)).body.history.at(-1)).toMatchObject({ action: 'assign', note: '请跟进', actor: { role: 'service_supervisor' } });
    const badTeam = await call(h.svc, staff.supervisor(), 'POST', `/v1/feedback/cases/${later.caseId}/assignment`, { team: 'marketing' });
    expect(badTeam.body).toMatchObject({ errors: [expect.objectContaining({ field: 'team' })] });
  });

  it('shows a customer their own case without staff notes, escalation or assignment', async () => {
    const memberId = member();
    const own = await call<CaseBody>(h.svc, staff.customer(memberId), 'POST', '/v1/me/cases', {
      kind: 'after_sales',
      subtype: 'warranty',
      category: 'product_quality',
      description: '手机屏幕保修被拒绝',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ memberId, channel: 'app', severity: 'normal', status: 'new' });
    await move(own.body.caseId, 'acknowledged', '内部：客户脾气大');
    await call(h.svc, agent, 'POST', `/v1/feedback/cases/${own.body.caseId}/escalations`, { note: '内部升级' });
    const seen = (await call<CaseBody>(h.svc, staff.customer(memberId), 'GET', `/v1/me/cases/${own.body.caseId}`)).body;
    expect(seen).toMatchObject({ status: 'acknowledged', escalationLevel: 0, escalations: [] });
    expect(JSON.stringify(seen)).not.toContain('内部');
    expect((await get(own.body.caseId)).body.escalationLevel).toBe(1);
  });

  it("erases a non-member's personal data from a case on request", async () => {
    const c = (await open(complaint({ contact: { name: '赵敏', email: `zm-${uniqueSuffix()}@example.com` }, description: '我是赵敏，要求道歉' }))).body;
    expect((await call(h.svc, agent, 'DELETE', `/v1/feedback/cases/${c.caseId}/contact`)).status).toBe(403);
    const erased = await call<CaseBody>(h.svc, staff.supervisor(), 'DELETE', `/v1/feedback/cases/${c.caseId}/contact`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ contact: null, description: null, erased: true, category: 'service_attitude' });
    expect(erased.body.history.at(-1)).toMatchObject({ action: 'contact_erased' });
    expect((await call(h.svc, staff.supervisor(), 'DELETE', `/v1/feedback/cases/${c.caseId}/contact`)).body).toMatchObject({ code: 'FEEDBACK.CONTACT_ERASED' });
  });

  it("a store manager sees and handles only their store's cases", async () => {
    const own = (await open(complaint({ memberId: member(), storeId: 'store-7' }))).body;
    const other = (await open(complaint({ memberId: member(), storeId: 'store-8' }))).body;
    const manager = staff.manager('store-7');
    expect((await get(own.caseId, manager)).status).toBe(200);
    expect((await get(other.caseId, manager)).body).toMatchObject({ code: 'FEEDBACK.NOT_YOUR_STORE' });
    expect((await move(other.caseId, 'acknowledged', undefined, manager)).status).toBe(403);
    const list = await call<{ items: CaseBody[] }>(h.svc, manager, 'GET', '/v1/feedback/cases?queue=all');
    expect(new Set(list.body.items.map((i) => i.caseId)).has(other.caseId)).toBe(false);
    expect(list.body.items.map((i) => i.caseId)).toContain(own.caseId);
  });

  it("member.erased removes the personal data of the member's cases; the case and its codes stay", async () => {
    const memberId = member();
    const c = (await open(complaint({ memberId, description: '我叫李雷，电话13800138000，收银员多收钱' }))).body;
    await move(c.caseId, 'acknowledged', '已联系李雷');
    await publish(h.svc, 'member.erased.v1', { memberId, erasedAt: h.clock.now().toISOString() });
    const erased = await waitUntil(async () => {
      const b = (await get(c.caseId)).body;
      return b.erased ? b : null;
    });
    expect(erased).toMatchObject({ description: null, memberId, category: 'service_attitude', status: 'acknowledged' });
    expect(erased.history.every((e) => e.note === null)).toBe(true);
    const exported = await call<{ data: { cases: CaseBody[] } }>(h.svc, null, 'GET', `/v1/internal/members/${memberId}/personal-data`);
    expect(exported.body.data.cases).toEqual([expect.objectContaining({ caseId: c.caseId, description: null })]);
  });
});
