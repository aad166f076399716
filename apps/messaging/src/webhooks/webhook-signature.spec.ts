import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: 'e1', type: 'points.earned', payload: { memberId: 'm1', points: 120 } });
  const t = 1_800_000_000;

  it('verifies a delivery signed with the endpoint secret', () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, t, body), body, t + 10)).toEqual({ ok: true });
  });

  it('rejects a forged signature, another secret, or a changed body', () => {
    expect(verifyWebhookSignature(secret, `t=${t},v1=${'0'.repeat(64)}`, body, t)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(secret, signWebhook(newWebhookSecret(), t, body), body, t)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(secret, signWebhook(secret, t, body), body.replace('120', '9999'), t)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a replay outside the tolerance, and a timestamp changed to pass it', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhookSignature(secret, header, body, t + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(secret, header.replace(`t=${t}`, `t=${t + 600}`), body, t + 601)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a missing or malformed header', () => {
    expect(verifyWebhookSignature(secret, undefined, body, t)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhookSignature(secret, 'sha256=abc', body, t)).toEqual({ ok: false, reason: 'malformed' });
  });
});
