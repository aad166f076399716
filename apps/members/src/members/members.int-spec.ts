import { EventHeaders } from '@app/contracts';
import { asActor, requestJson, startTestService, testActors, TopicReader, waitUntil, type RunningTestService } from '@app/testing';
import { ACTOR_HEADER, ManualClock } from '@app/common';
import { membersService } from '../members.service-descriptor';
import { enrolBody, membersTestEnv, uniqueMobile, type Envelope } from '../testing/members.test-env';
import type { MemberResponse } from './dto/member.response';

interface Problem {
  code: string;
  details?: { identifier?: string; identifiers?: string[] };
  errors?: Array<{ field: string; rule: string }>;
}

/** Enrolment, lookup, privacy (encryption, masking, audit) and customer rights, against the real broker + database. */
describe('members: enrolment, lookup and privacy (real Kafka + database)', () => {
  let svc: RunningTestService;
  let reader: TopicReader;
  const clock = new ManualClock('2026-05-17T08:00:00Z');
  const pos = asActor(testActors.pos('store-1'));
  const admin = asActor(testActors.admin());
  const agent = asActor(testActors.agent());
  const enrol = (body: Record<string, unknown>, headers = pos) => requestJson<MemberResponse & Problem>(`${svc.url}/v1/members`, { headers, body });
  const rawMember = (id: string) => svc.connection.db!.collection('members').findOne({ _id: id as never });

  beforeAll(async () => {
    svc = await startTestService(membersService, membersTestEnv(), { clock });
    reader = await TopicReader.start(['member.enrolled.v1', 'member.updated.v1', 'member.consent.changed.v1', 'member.erased.v1', 'member.birthday.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await svc?.close();
  });

  it('enrols a member: card number with check digit, masked answer, encrypted at rest, event without personal data', async () => {
    const phone = uniqueMobile();
    const res = await enrol(enrolBody({ phone, name: '王小明' }));
    expect(res.status).toBe(201);
    const m = res.body;
    expect(m).toMatchObject({ status: 'active', masked: true, name: '王*', tier: 'regular', memberClass: 'regular', preferredStoreId: 'store-1' });
    expect(m.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(m.email).toMatch(/^m\*\*\*@example\.com$/);
    expect(m.cardNumber).toMatch(/^8\d{15}$/);
    expect(m.consents.marketing).toMatchObject({ granted: true, channel: 'store', policyVersion: 'p-2026-01' });

    const raw = JSON.stringify(await rawMember(m.memberId));
    expect(raw).not.toContain(phone);
    expect(raw).not.toContain('王小明');
    expect(raw).not.toContain('example.com');
    expect(raw).not.toContain('1990-05-17');
    expect(raw).toContain('"name":"v1.k2.');

    const enrolled = await reader.waitFor((msg) => msg.topic === 'member.enrolled.v1' && msg.key === m.memberId);
    expect(enrolled.json<Envelope>().payload).toEqual({
      memberId: m.memberId,
      channel: 'store',
      memberClass: 'regular',
      tier: 'regular',
      preferredStoreId: 'store-1',
      enrolledAt: '2026-05-17T08:00:00.000Z',
    });
    expect(enrolled.value).not.toContain(phone.slice(-8));
    await reader.waitFor((msg) => msg.topic === 'member.consent.changed.v1' && msg.key === m.memberId && msg.json<Envelope>().payload.purpose === 'analytics');
  });

  it('finds the same member by any normalised phone variant, by email (any case) and by card number', async () => {
    const phone = uniqueMobile();
    const { body: m } = await enrol(enrolBody({ phone, email: 'Li.Wei@Example.COM' }));
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    for (const variant of [phone, spaced, `0086${phone}`, `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`]) {
      const r = await requestJson<{ memberId: string; tier: string }>(`${svc.url}/v1/members/resolve?phone=${encodeURIComponent(variant)}`, { headers: pos });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ memberId: m.memberId, tier: 'regular' });
    }
    expect((await requestJson(`${svc.url}/v1/members/resolve?email=li.wei%40example.com`, { headers: pos })).body).toEqual({
      memberId: m.memberId,
      tier: 'regular',
    });
    expect((await requestJson(`${svc.url}/v1/members/resolve?cardNumber=${m.cardNumber}`, { headers: pos })).body).toEqual({
      memberId: m.memberId,
      tier: 'regular',
    });
    expect((await requestJson(`${svc.url}/v1/members/resolve?memberId=${m.memberId}`, { headers: pos })).body).toEqual({
      memberId: m.memberId,
      tier: 'regular',
    });
    expect((await requestJson(`${svc.url}/v1/members/resolve?memberId=no-such-member`, { headers: pos })).status).toBe(404);
    const missing = await requestJson<Problem>(`${svc.url}/v1/members/resolve?phone=13000000001`, { headers: pos });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('MEMBERS.NOT_FOUND');
    const none = await requestJson<Problem>(`${svc.url}/v1/members/resolve`, { headers: pos });
    expect(none.status).toBe(400);
    expect((await requestJson(`${svc.url}/v1/members/resolve?phone=12`, { headers: pos })).status).toBe(404);
    // Another service (points) may call with only the internal token.
    const { [ACTOR_HEADER]: _actor, ...serviceOnly } = pos;
    expect((await requestJson(`${svc.url}/v1/members/resolve?phone=${phone}`, { headers: serviceOnly })).body).toEqual({
      memberId: m.memberId,
      tier: 'regular',
    });
    expect((await requestJson(`${svc.url}/v1/members/${m.memberId}`, { headers: serviceOnly })).status).toBe(401);
  });

  it('a duplicate enrolment says which identifier collides, not whose it is', async () => {
    const first = enrolBody();
    expect((await enrol(first)).status).toBe(201);
    const samePhone = await enrol(enrolBody({ phone: `+86 ${first.phone as string}` }));
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.code).toBe('MEMBERS.DUPLICATE_IDENTIFIER');
    expect(samePhone.body.details).toEqual({ identifier: 'phone', identifiers: ['phone'] });
    expect(JSON.stringify(samePhone.body)).not.toMatch(/memberId|张/);
    const sameEmail = await enrol(enrolBody({ email: (first.email as string).toUpperCase() }));
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.details?.identifier).toBe('email');
  });

  it('two concurrent enrolments with the same phone: the database index lets one through and names the identifier', async () => {
    const phone = uniqueMobile();
    const results = await Promise.all([enrol(enrolBody({ phone })), enrol(enrolBody({ phone })), enrol(enrolBody({ phone }))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.details?.identifier).toBe('phone');
    const email = `race-${uniqueMobile()}@example.com`;
    const byEmail = await Promise.all([1, 2, 3, 4].map(() => enrol(enrolBody({ email }))));
    expect(byEmail.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of byEmail.filter((x) => x.status === 409)) expect(r.body.details?.identifier).toBe('email');
  });

  it('documents the API (OpenAPI) with the member and tier paths', async () => {
    const doc = await requestJson<{ paths: Record<string, unknown> }>(`${svc.url}/docs-json`);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/members',
        '/v1/members/resolve',
        '/v1/members/{memberId}',
        '/v1/members/{memberId}/tier-status',
        '/v1/members/{memberId}/consents/{purpose}',
        '/v1/audit-log',
        '/v1/tiers',
        '/v1/tiers/simulate',
      ]),
    );
  });

  it('validation errors are 400 with field and rule, never 500', async () => {
    const bad = await enrol(enrolBody({ phone: '12', memberClass: 'corporate', email: 'not-an-email', birthday: '1990-13-01', extra: 1 }));
    expect(bad.status).toBe(400);
    const rules = bad.body.errors!.map((e) => `${e.field}:${e.rule}`);
    expect(rules).toEqual(expect.arrayContaining(['email:isEmail', 'birthday:matches', 'organisationId:matches', 'extra:whitelistValidation']));
    const badPhone = await enrol(enrolBody({ phone: '12ab' }));
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toEqual([expect.objectContaining({ field: 'phone', rule: 'isPhoneNumber' })]);
    const orgForRegular = await enrol(enrolBody({ organisationId: 'org-1' }));
    expect(orgForRegular.status).toBe(400);
    expect(orgForRegular.body.errors).toEqual([expect.objectContaining({ field: 'organisationId', rule: 'onlyForCorporate' })]);
    expect((await enrol(enrolBody({ memberClass: 'corporate', organisationId: 'org-1' }))).status).toBe(201);
    const otherStore = await enrol(enrolBody({ preferredStoreId: 'store-9' }));
    expect(otherStore.status).toBe(403);
  });

  it('masks for staff by default; an unmasked read needs a reason and is audited; customers see only their own', async () => {
    const phone = uniqueMobile();
    const { body: m } = await enrol(enrolBody({ phone }));
    const masked = await requestJson<MemberResponse>(`${svc.url}/v1/members/${m.memberId}`, { headers: agent });
    expect(masked.body).toMatchObject({ masked: true, name: '张*' });
    const noReason = await requestJson<Problem>(`${svc.url}/v1/members/${m.memberId}?view=full`, { headers: agent });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('MEMBERS.ACCESS_REASON_REQUIRED');
    const full = await requestJson<MemberResponse>(`${svc.url}/v1/members/${m.memberId}?view=full`, {
      headers: { ...agent, 'x-access-reason': 'complaint C-17' },
    });
    expect(full.body).toMatchObject({ masked: false, name: '张三', phone: `+86${phone}`, birthday: '1990-05-17' });
    const marketing = await requestJson<Problem>(`${svc.url}/v1/members/${m.memberId}?view=full&reason=campaign`, {
      headers: asActor({ id: 'mk-1', role: 'marketing', storeIds: [] }),
    });
    expect(marketing.status).toBe(403);
    const own = await requestJson<MemberResponse>(`${svc.url}/v1/members/${m.memberId}`, { headers: asActor(testActors.customer(m.memberId)) });
    expect(own.body).toMatchObject({ masked: false, name: '张三' });
    const other = await requestJson<Problem>(`${svc.url}/v1/members/${m.memberId}`, { headers: asActor(testActors.customer('someone-else')) });
    expect(other.status).toBe(403);
    const posRead = await requestJson<Problem>(`${svc.url}/v1/members/${m.memberId}`, { headers: pos });
    expect(posRead.status).toBe(403);
    const lookup = await requestJson<MemberResponse>(`${svc.url}/v1/members/lookup?phone=${phone}`, { headers: agent });
    expect(lookup.body).toMatchObject({ memberId: m.memberId, masked: true });

    const log = await requestJson<{ items: Array<{ actorId: string; reason: string; action: string; fields: string[] }> }>(
      `${svc.url}/v1/members/${m.memberId}/access-log`,
      { headers: admin },
    );
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: 'staff-agent', reason: 'complaint C-17', action: 'read', fields: ['name', 'phone', 'email', 'birthday'] }),
        expect.objectContaining({ actorId: m.memberId, reason: 'data subject access' }),
      ]),
    );
    expect(log.body.items).toHaveLength(2);
  });

  it('profile update records who changed which fields and publishes member.updated.v1 without values', async () => {
    const { body: m } = await enrol(enrolBody());
    const newPhone = uniqueMobile();
    const res = await requestJson<MemberResponse>(`${svc.url}/v1/members/${m.memberId}`, {
      method: 'PATCH',
      headers: agent,
      body: { phone: newPhone, name: '张四' },
    });
    expect(res.status).toBe(200);
    expect((await requestJson(`${svc.url}/v1/members/resolve?phone=${newPhone}`, { headers: pos })).body).toMatchObject({ memberId: m.memberId });
    const history = await requestJson<{ items: Array<{ fields: string[]; actorId: string; actorRole: string }> }>(
      `${svc.url}/v1/members/${m.memberId}/history`,
      { headers: agent },
    );
    expect(history.body.items).toEqual([expect.objectContaining({ fields: ['phone', 'name'], actorId: 'staff-agent', actorRole: 'service_agent' })]);
    const event = await reader.waitFor((msg) => msg.topic === 'member.updated.v1' && msg.key === m.memberId);
    expect(event.json<Envelope>().payload).toMatchObject({ memberId: m.memberId, fields: ['phone', 'name'], actorRole: 'service_agent' });
    expect(event.value).not.toContain(newPhone);
    expect(event.value).not.toContain('张四');
  });

  it('withdrawing a consent publishes member.consent.changed.v1', async () => {
    const { body: m } = await enrol(enrolBody());
    const res = await requestJson<Record<string, { granted: boolean; channel: string }>>(`${svc.url}/v1/members/${m.memberId}/consents/marketing`, {
      method: 'PUT',
      headers: asActor(testActors.customer(m.memberId)),
      body: { granted: false, policyVersion: 'p-2026-02', channel: 'app' },
    });
    expect(res.status).toBe(200);
    expect(res.body.marketing).toMatchObject({ granted: false, channel: 'app' });
    const event = await reader.waitFor(
      (msg) =>
        msg.topic === 'member.consent.changed.v1' &&
        msg.key === m.memberId &&
        msg.json<Envelope>().payload.granted === false &&
        msg.json<Envelope>().payload.purpose === 'marketing',
    );
    expect(event.json<Envelope>().payload).toEqual({
      memberId: m.memberId,
      purpose: 'marketing',
      granted: false,
      policyVersion: 'p-2026-02',
      changedAt: '2026-05-17T08:00:00.000Z',
    });
    const badPurpose = await requestJson<Problem>(`${svc.url}/v1/members/${m.memberId}/consents/telepathy`, {
      method: 'PUT',
      headers: admin,
      body: { granted: true, policyVersion: 'p', channel: 'app' },
    });
    expect(badPurpose.status).toBe(400);
  });

  it('exports the member data as JSON for the customer', async () => {
    const { body: m } = await enrol(enrolBody());
    const part = await requestJson<{ service: string; data: { member: MemberResponse; consentHistory: unknown[]; tierHistory: unknown[] } }>(
      `${svc.url}/v1/internal/members/${m.memberId}/personal-data`,
      { headers: asActor(testActors.customer(m.memberId)) },
    );
    expect(part.status).toBe(200);
    expect(part.body.service).toBe('members');
    const res = { body: part.body.data };
    expect(res.body.member).toMatchObject({ memberId: m.memberId, name: '张三', masked: false });
    expect(res.body.consentHistory).toHaveLength(2);
    expect(res.body.tierHistory).toEqual([expect.objectContaining({ to: 'regular', reason: 'enrolment' })]);
  });

  it('erasure destroys personal data in the database, keeps the id as a pseudonym and publishes member.erased.v1', async () => {
    const phone = uniqueMobile();
    const { body: m } = await enrol(enrolBody({ phone }));
    const res = await requestJson<{ status: string }>(`${svc.url}/v1/members/${m.memberId}`, {
      method: 'DELETE',
      headers: asActor(testActors.customer(m.memberId)),
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('erased');
    const raw = (await rawMember(m.memberId)) as Record<string, unknown>;
    expect(raw).toMatchObject({ _id: m.memberId, status: 'erased', personal: {} });
    for (const f of ['phoneHash', 'emailHash', 'birthdayMdHash', 'cardNumber']) expect(raw).not.toHaveProperty(f);
    expect(JSON.stringify(raw)).not.toMatch(/v1\.k[12]\./);
    const event = await reader.waitFor((msg) => msg.topic === 'member.erased.v1' && msg.key === m.memberId);
    expect(event.json<Envelope>().payload).toEqual({ memberId: m.memberId, erasedAt: '2026-05-17T08:00:00.000Z' });
    expect((await requestJson(`${svc.url}/v1/members/resolve?phone=${phone}`, { headers: pos })).status).toBe(404);
    // The phone is free again: the person may enrol anew.
    expect((await enrol(enrolBody({ phone }))).status).toBe(201);
    const again = await requestJson<{ status: string }>(`${svc.url}/v1/members/${m.memberId}/erasure`, { method: 'POST', headers: admin, body: {} });
    expect(again.body.status).toBe('erased');
  });

  it('announces today’s birthdays once per year', async () => {
    const { body: m } = await enrol(enrolBody({ birthday: '1985-05-18' }));
    clock.set('2026-05-18T00:05:00Z');
    try {
      const run = () => requestJson<{ counts: { announced: number } }>(`${svc.url}/v1/jobs/members/birthdays`, { method: 'POST', headers: admin });
      expect((await run()).body.counts.announced).toBeGreaterThanOrEqual(1);
      expect((await run()).body.counts.announced).toBe(0);
      const event = await reader.waitFor((msg) => msg.topic === 'member.birthday.v1' && msg.key === m.memberId);
      expect(event.json<Envelope>().payload).toEqual({ memberId: m.memberId, date: '2026-05-18' });
      expect(event.headers[EventHeaders.eventType]).toBe('member.birthday');
      expect((await requestJson(`${svc.url}/v1/jobs/members/birthdays`, { method: 'POST', headers: agent })).status).toBe(403);
    } finally {
      clock.set('2026-05-17T08:00:00Z');
    }
  });

  it('retention anonymises members inactive beyond the configured period', async () => {
    const { body: m } = await enrol(enrolBody());
    clock.set('2029-06-01T00:00:00Z');
    try {
      const res = await requestJson<{ counts: { anonymised: number } }>(`${svc.url}/v1/jobs/members/retention`, { method: 'POST', headers: admin });
      expect(res.body.counts.anonymised).toBeGreaterThanOrEqual(1);
      await waitUntil(async () => (await rawMember(m.memberId))?.status === 'erased', 5000, 'anonymised');
    } finally {
      clock.set('2026-05-17T08:00:00Z');
    }
  });
});
