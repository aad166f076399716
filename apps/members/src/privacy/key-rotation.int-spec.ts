import { randomBytes } from 'node:crypto';
import { asActor, requestJson, startTestService, testActors, type RunningTestService } from '@app/testing';
import { membersService } from '../members.service-descriptor';
import { enrolBody, membersTestEnv, uniqueMobile } from '../testing/members.test-env';
import type { MemberResponse } from '../members/dto/member.response';

/** Rotation = a new active key; data sealed under the old key stays readable and can be re-encrypted. */
describe('personal data key rotation (real database)', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const hashKey = randomBytes(32).toString('base64');
  const admin = asActor(testActors.admin());
  let svc: RunningTestService | undefined;

  afterEach(async () => {
    await svc?.close();
    svc = undefined;
  });

  it('reads old ciphertexts after rotation, finds members by phone, and re-encrypts under the new key', async () => {
    const before = membersTestEnv({ MEMBERS_ENCRYPTION_KEYS: `k1:${k1}`, MEMBERS_ACTIVE_KEY_ID: 'k1', MEMBERS_HASH_KEY: hashKey });
    svc = await startTestService(membersService, before, { consume: false });
    const phone = uniqueMobile();
    const { body: m } = await requestJson<MemberResponse>(`${svc.url}/v1/members`, {
      headers: asActor(testActors.pos('store-1')),
      body: enrolBody({ phone, name: '李雷' }),
    });
    const raw = async (s: RunningTestService) => JSON.stringify(await s.connection.db!.collection('members').findOne({ _id: m.memberId as never }));
    expect(await raw(svc)).toContain('"name":"v1.k1.');
    await svc.close({ keepDatabase: true });

    svc = await startTestService(
      membersService,
      membersTestEnv({ MONGO_URL: before.MONGO_URL, MEMBERS_ENCRYPTION_KEYS: `k1:${k1},k2:${k2}`, MEMBERS_ACTIVE_KEY_ID: 'k2', MEMBERS_HASH_KEY: hashKey }),
      { consume: false },
    );
    const full = await requestJson<MemberResponse>(`${svc.url}/v1/members/${m.memberId}?view=full`, {
      headers: { ...admin, 'x-access-reason': 'rotation check' },
    });
    expect(full.body).toMatchObject({ name: '李雷', phone: `+86${phone}` });
    expect((await requestJson(`${svc.url}/v1/members/resolve?phone=${phone}`, { headers: admin })).body).toMatchObject({ memberId: m.memberId });

    const job = await requestJson<{ counts: { reencrypted: number } }>(`${svc.url}/v1/jobs/members/reencrypt`, { method: 'POST', headers: admin });
    expect(job.body.counts.reencrypted).toBe(1);
    const after = await raw(svc);
    expect(after).toContain('"name":"v1.k2.');
    expect(after).not.toContain('v1.k1.');
    expect(
      (await requestJson<{ counts: { reencrypted: number } }>(`${svc.url}/v1/jobs/members/reencrypt`, { method: 'POST', headers: admin })).body.counts
        .reencrypted,
    ).toBe(0);
    await svc.close({ keepDatabase: true });

    // Once everything is re-encrypted, the old key can go.
    svc = await startTestService(
      membersService,
      membersTestEnv({ MONGO_URL: before.MONGO_URL, MEMBERS_ENCRYPTION_KEYS: `k2:${k2}`, MEMBERS_ACTIVE_KEY_ID: 'k2', MEMBERS_HASH_KEY: hashKey }),
      { consume: false },
    );
    const stillReadable = await requestJson<MemberResponse>(`${svc.url}/v1/members/${m.memberId}?view=full`, {
      headers: { ...admin, 'x-access-reason': 'rotation check' },
    });
    expect(stillReadable.body.name).toBe('李雷');
  });
});
