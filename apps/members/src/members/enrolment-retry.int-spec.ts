import { asActor, requestJson, startTestService, testActors, TopicReader, type RunningTestService } from '@app/testing';
import { ManualClock } from '@app/common';
import { membersService } from '../members.service-descriptor';
import { enrolBody, membersTestEnv, uniqueMobile } from '../testing/members.test-env';
import type { MemberResponse } from './dto/member.response';

interface Problem {
  code: string;
  errors?: Array<{ field: string; rule: string }>;
}

/** A till retrying an enrolment after a timeout (Idempotency-Key), against the real broker + database. */
describe('members: retry-safe enrolment with Idempotency-Key (real Kafka + database)', () => {
  let svc: RunningTestService;
  let reader: TopicReader;
  const clock = new ManualClock('2026-05-17T08:00:00Z');
  const pos = testActors.pos('store-1');
  const enrol = (body: Record<string, unknown>, key?: string, actor = pos) =>
    requestJson<MemberResponse & Problem>(`${svc.url}/v1/members`, { headers: asActor(actor, key === undefined ? {} : { 'idempotency-key': key }), body });
  const membersWithPhoneOf = async (memberId: string) => {
    const first = await svc.connection.db!.collection('members').findOne({ _id: memberId as never });
    return svc.connection.db!.collection('members').countDocuments({ phoneHash: first!.phoneHash });
  };
  let keys = 0;
  const newKey = () => `till-7:${Date.now()}:${++keys}`;

  beforeAll(async () => {
    svc = await startTestService(membersService, membersTestEnv(), { clock });
    reader = await TopicReader.start(['member.enrolled.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await svc?.close();
  });

  it('a retry with the same key and body replays the first 201 answer, marked replayed, and enrols no one twice', async () => {
    const body = enrolBody({ phone: uniqueMobile() });
    const key = newKey();
    const first = await enrol(body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    clock.advance(60_000);
    const retry = await enrol({ ...body }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await membersWithPhoneOf(first.body.memberId)).toBe(1);
    await reader.waitFor((m) => m.topic === 'member.enrolled.v1' && m.key === first.body.memberId);
    expect(reader.messages.filter((m) => m.topic === 'member.enrolled.v1' && m.key === first.body.memberId)).toHaveLength(1);
  });

  it('the same key with a different body is 422 MEMBERS.IDEMPOTENCY_KEY_REUSED naming the header', async () => {
    const key = newKey();
    expect((await enrol(enrolBody({ phone: uniqueMobile() }), key)).status).toBe(201);
    const other = await enrol(enrolBody({ phone: uniqueMobile() }), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('MEMBERS.IDEMPOTENCY_KEY_REUSED');
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'sameBodyOnRetry' })]);
  });

  it('racing attempts with the same key: one member, every answer the same 201', async () => {
    const body = enrolBody({ phone: uniqueMobile() });
    const key = newKey();
    const results = await Promise.all([1, 2, 3].map(() => enrol(body, key)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.memberId)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
  });

  it('a key is the caller’s own: another till’s same key is a new enrolment (here a duplicate phone, 409)', async () => {
    const body = enrolBody({ phone: uniqueMobile() });
    const key = newKey();
    expect((await enrol(body, key)).status).toBe(201);
    const otherTill = await enrol({ ...body, preferredStoreId: 'store-2' }, key, testActors.pos('store-2'));
    expect(otherTill.status).toBe(409);
    expect(otherTill.body.code).toBe('MEMBERS.DUPLICATE_IDENTIFIER');
  });

  it('without a key, a repeated enrolment stays 409 MEMBERS.DUPLICATE_IDENTIFIER', async () => {
    const body = enrolBody({ phone: uniqueMobile() });
    expect((await enrol(body)).status).toBe(201);
    const again = await enrol(body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEMBERS.DUPLICATE_IDENTIFIER');
  });

  it('erasure removes the key and its body hash: a later retry with that key enrols anew', async () => {
    const body = enrolBody({ phone: uniqueMobile() });
    const key = newKey();
    const first = await enrol(body, key);
    const erased = await requestJson(`${svc.url}/v1/members/${first.body.memberId}`, {
      method: 'DELETE',
      headers: asActor(testActors.customer(first.body.memberId)),
    });
    expect(erased.status).toBe(200);
    const raw = await svc.connection.db!.collection('members').findOne({ _id: first.body.memberId as never });
    expect(raw).not.toHaveProperty('enrolmentKey');
    expect(raw).not.toHaveProperty('enrolmentRequestHash');
    const again = await enrol(body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.memberId).not.toBe(first.body.memberId);
  });

  it('a malformed key is 400 naming the header and the rule', async () => {
    const bad = await enrol(enrolBody({ phone: uniqueMobile() }), 'x'.repeat(129));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'matches' })]);
  });

  it('states the Idempotency-Key header in the OpenAPI document', async () => {
    const doc = await requestJson<{ paths: Record<string, { post?: { parameters?: Array<{ name: string; in: string }> } }> }>(`${svc.url}/docs-json`);
    expect(doc.body.paths['/v1/members']?.post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
  });
});
