import { mailpit, uniqueSuffix, waitUntil } from '@app/testing';
import { adminToken, openStore, startPlatform, type Platform } from './platform-harness';

/**
 * Customer sign-in by one-time code, end to end: the code arrives in the member's inbox (real
 * SMTP server, Mailpit), is traded through the gateway for an access token that reads the
 * membership status and a refresh token that rotates; sign-out ends the session at once.
 */
describe('customer sign-in by one-time code, through the gateway', () => {
  let p: Platform;
  let admin = '';
  let posKey = '';
  const STORE = `e2e-otp-store-${uniqueSuffix()}`;
  const POLICY = 'privacy-2026-01';

  type Session = { accessToken: string; refreshToken: string; memberId: string; expiresIn: number };

  async function enrol(): Promise<{ memberId: string; email: string }> {
    const email = `otp-${uniqueSuffix()}@e2e-inbox.test`;
    const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'app',
        name: '周杰',
        phone: `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
        email,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: false, policyVersion: POLICY }, analytics: { granted: false, policyVersion: POLICY } },
      },
    });
    expect(r.status).toBe(201);
    return { memberId: r.body.memberId, email };
  }

  /** Ask a code and read it from the inbox (the n-th sign-in email to that address). */
  async function askCode(email: string, nth = 1): Promise<{ challengeId: string; code: string }> {
    const asked = await p.call<{ challengeId: string }>('POST', '/v1/auth/customer/otp', { body: { email } });
    expect(asked.status).toBe(202);
    const mails = await waitUntil(
      async () => {
        const m = await mailpit.to(email);
        return m.length >= nth ? m : null;
      },
      20000,
      'the sign-in code email',
    );
    const mail = await mailpit.message(mails[0].ID); // newest first
    const code = /(\d{6})/.exec(mail.Subject)![1];
    return { challengeId: asked.body.challengeId, code };
  }

  const verify = (challengeId: string, code: string) =>
    p.call<Session & { code?: string }>('POST', '/v1/auth/customer/otp/verify', { body: { challengeId, code } });

  beforeAll(async () => {
    p = await startPlatform();
    admin = await adminToken(p);
    posKey = await openStore(p, admin, STORE);
  });

  afterAll(async () => {
    await p?.close();
  });

  it('signs in with the code from the inbox and reads the membership status; the code works once', async () => {
    const { memberId, email } = await enrol();
    const { challengeId, code } = await askCode(email);
    const mail = await mailpit.message((await mailpit.to(email))[0].ID);
    expect(mail.Subject).toBe(`您的登录验证码：${code}`);

    const session = await verify(challengeId, code);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ memberId, expiresIn: 900, refreshToken: expect.stringMatching(/^rt_/) });
    const status = await p.call<{ memberId: string }>('GET', '/v1/me/status', { token: session.body.accessToken });
    expect(status.status).toBe(200);
    expect((await p.call('GET', `/v1/members/${memberId}/points/balance`, { token: session.body.accessToken })).status).toBe(200);

    expect((await verify(challengeId, code)).body.code).toBe('AUTH.INVALID_CODE'); // used
    // The code is stored only as a hash.
    const stored = await p.services.gateway.connection.collection('gateway_otp_challenges').findOne({ _id: challengeId as never });
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('answers the same whether or not the identifier belongs to a member, and sends nothing to a stranger', async () => {
    const stranger = `nobody-${uniqueSuffix()}@e2e-inbox.test`;
    const asked = await p.call<{ challengeId: string; message: string; expiresIn: number }>('POST', '/v1/auth/customer/otp', { body: { email: stranger } });
    const { email } = await enrol();
    const known = await p.call<{ challengeId: string; message: string; expiresIn: number }>('POST', '/v1/auth/customer/otp', { body: { email } });
    expect(asked.status).toBe(known.status);
    expect(Object.keys(asked.body).sort()).toEqual(Object.keys(known.body).sort());
    expect(asked.body.message).toBe(known.body.message);
    expect((await verify(asked.body.challengeId, '000000')).body.code).toBe('AUTH.INVALID_CODE');
    await waitUntil(async () => (await mailpit.to(email)).length === 1, 20000, 'the member got a code');
    expect(await mailpit.to(stranger)).toEqual([]);
  });

  it('a challenge dies after too many wrong codes; too many codes per identifier are refused', async () => {
    const { email } = await enrol();
    const { challengeId, code } = await askCode(email);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect((await verify(challengeId, wrong)).status).toBe(401);
    expect((await verify(challengeId, code)).body.code).toBe('AUTH.INVALID_CODE'); // the right code, too late

    for (let i = 0; i < 4; i++) expect((await p.call('POST', '/v1/auth/customer/otp', { body: { email: email.toUpperCase() } })).status).toBe(202);
    const limited = await p.call<{ code: string }>('POST', '/v1/auth/customer/otp', { body: { email } });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('AUTH.TOO_MANY_CODES');
  });

  it('the refresh token rotates; reusing an old one ends the session; sign-out and sign-out everywhere end access at once', async () => {
    const { email } = await enrol();
    const first = await askCode(email, 1);
    const a = (await verify(first.challengeId, first.code)).body;
    const rotated = await p.call<Session>('POST', '/v1/auth/customer/refresh', { body: { refreshToken: a.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(a.refreshToken);
    expect((await p.call('GET', '/v1/me/status', { token: rotated.body.accessToken })).status).toBe(200);

    // The old refresh token again (stolen?): the whole session ends, the new tokens too.
    expect((await p.call<{ code: string }>('POST', '/v1/auth/customer/refresh', { body: { refreshToken: a.refreshToken } })).body.code).toBe(
      'AUTH.INVALID_REFRESH_TOKEN',
    );
    expect((await p.call<{ code: string }>('GET', '/v1/me/status', { token: rotated.body.accessToken })).body.code).toBe('AUTH.SESSION_ENDED');
    expect((await p.call('POST', '/v1/auth/customer/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);

    // Sign out of one session.
    const second = await askCode(email, 2);
    const b = (await verify(second.challengeId, second.code)).body;
    expect((await p.call('POST', '/v1/auth/customer/sign-out', { body: { refreshToken: b.refreshToken } })).status).toBe(204);
    expect((await p.call('GET', '/v1/me/status', { token: b.accessToken })).status).toBe(401);

    // Two devices, then sign out everywhere from one.
    const third = await askCode(email, 3);
    const c = (await verify(third.challengeId, third.code)).body;
    const fourth = await askCode(email, 4);
    const d = (await verify(fourth.challengeId, fourth.code)).body;
    const everywhere = await p.call<{ ended: number }>('POST', '/v1/auth/customer/sign-out-everywhere', { token: c.accessToken });
    expect(everywhere.status).toBe(200);
    expect(everywhere.body.ended).toBe(2);
    expect((await p.call('GET', '/v1/me/status', { token: d.accessToken })).status).toBe(401);
    expect((await p.call('POST', '/v1/auth/customer/refresh', { body: { refreshToken: d.refreshToken } })).status).toBe(401);
  });

  it('an erased member cannot sign in, even with a code asked before the erasure', async () => {
    const { memberId, email } = await enrol();
    const { challengeId, code } = await askCode(email);
    expect((await p.call('DELETE', `/v1/members/${memberId}`, { token: admin })).status).toBe(200);
    const refused = await verify(challengeId, code);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('AUTH.SIGN_IN_REFUSED');
  });
});
