import { mailpit, uniqueSuffix, waitUntil, WebhookReceiver } from '@app/testing';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../apps/messaging/src/webhooks/webhook-signature';
import { adminToken, openStore, staffToken, startPlatform, type Platform } from './platform-harness';

/**
 * Reaching customers, end to end through the gateway, against the real broker, database and SMTP
 * server (Mailpit): a campaign's emails go to exactly the members who consent, once each, in
 * zh-CN; the unsubscribe link in the email withdraws consent so the next campaign skips the
 * member; an integrator's webhook receives signed points.earned deliveries from a real sale.
 */
describe('messaging: campaign emails, unsubscribe and webhooks, through the gateway', () => {
  let p: Platform;
  let admin = '';
  let marketing = '';
  let posKey = '';
  const STORE = `e2e-msg-store-${uniqueSuffix()}`;
  const POLICY = 'privacy-2026-01';

  async function enrol(label: string, marketingConsent: boolean): Promise<{ memberId: string; email: string }> {
    const email = `${label}-${uniqueSuffix()}@e2e-inbox.test`;
    const r = await p.call<{ memberId: string }>('POST', '/v1/members', {
      apiKey: posKey,
      body: {
        channel: 'store',
        name: '陈静',
        phone: `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
        email,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: marketingConsent, policyVersion: POLICY }, analytics: { granted: false, policyVersion: POLICY } },
      },
    });
    expect(r.status).toBe(201);
    return { memberId: r.body.memberId, email };
  }

  const projected = (memberId: string) =>
    p.services.segments.connection
      .collection<{ _id: string; marketingGranted: boolean; marketingChangedAt: Date | null }>('segments_audience_members')
      .findOne({ _id: memberId });

  async function campaign(memberIds: string[]): Promise<{ campaignId: string; sent: number }> {
    const created = await p.call<{ campaignId: string }>('POST', '/v1/campaigns', {
      token: marketing,
      body: { name: 'VIP care', kind: 'vip_care', channel: 'email', audience: { memberIds } },
    });
    expect(created.status).toBe(201);
    const dispatched = await p.call<{ dispatch: { sent: number } }>('POST', `/v1/campaigns/${created.body.campaignId}/dispatch`, { token: marketing });
    expect(dispatched.status).toBe(200);
    return { campaignId: created.body.campaignId, sent: dispatched.body.dispatch.sent };
  }

  const deliveriesOf = (campaignId: string) =>
    p.call<{ total: number; byStatus: Record<string, number> }>('GET', `/v1/messaging/campaigns/${campaignId}/deliveries`, { token: marketing });

  beforeAll(async () => {
    p = await startPlatform();
    admin = await adminToken(p);
    posKey = await openStore(p, admin, STORE);
    marketing = await staffToken(p, admin, 'marketing');
  });

  afterAll(async () => {
    await p?.close();
  });

  it('a campaign emails exactly the members who consent, once each, in zh-CN; the unsubscribe link withdraws consent and the next campaign skips them', async () => {
    const [ana, dan, bo, cai] = [await enrol('ana', true), await enrol('dan', true), await enrol('bo', false), await enrol('cai', true)];
    // Cai withdraws marketing consent in the members API before the campaign.
    const caiToken = (await p.call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId: cai.memberId } })).body.accessToken;
    expect(
      (
        await p.call('PUT', `/v1/members/${cai.memberId}/consents/marketing`, {
          token: caiToken,
          body: { granted: false, policyVersion: POLICY, channel: 'app' },
        })
      ).status,
    ).toBe(200);
    await waitUntil(
      async () =>
        (await projected(ana.memberId))?.marketingGranted === true &&
        (await projected(dan.memberId))?.marketingGranted === true &&
        // Not just false: a member projected from its enrolment before any consent event is false by
        // default, and the grant at enrolment may still arrive after that; a dated false is the withdrawal.
        (await projected(cai.memberId).then((m) => m?.marketingGranted === false && m.marketingChangedAt !== null)),
      20000,
      'consents projected into segments',
    );

    const first = await campaign([ana.memberId, dan.memberId, bo.memberId, cai.memberId]);
    expect(first.sent).toBe(2);
    await waitUntil(async () => (await deliveriesOf(first.campaignId)).body.byStatus?.sent === 2, 30000, 'two emails sent');
    expect((await mailpit.to(ana.email)).length).toBe(1);
    expect((await mailpit.to(dan.email)).length).toBe(1);
    expect(await mailpit.to(bo.email)).toEqual([]);
    expect(await mailpit.to(cai.email)).toEqual([]);

    const mail = await mailpit.message((await mailpit.to(ana.email))[0].ID);
    expect(mail.Subject).toBe('regular会员专属关怀');
    expect(mail.Text).toContain('陈静，您好！');
    expect(mail.Text).not.toContain(ana.memberId);
    const link = new URL(/http:\/\/gateway\.test\/v1\/messaging\/unsubscribe\?token=[A-Za-z0-9_.-]+/.exec(mail.Text)![0]);

    // The link through the gateway: a page (no login), then one click as a mail client sends it (RFC 8058).
    const page = await fetch(`${p.gatewayUrl}${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const click = await fetch(`${p.gatewayUrl}${link.pathname}${link.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(click.status).toBe(200);
    await waitUntil(async () => (await projected(ana.memberId))?.marketingGranted === false, 20000, 'the withdrawal reached segments');
    const consents = await p.call<{ consents: { marketing: { granted: boolean } } }>('GET', `/v1/members/${ana.memberId}`, { token: admin });
    expect(consents.body.consents.marketing.granted).toBe(false);

    const second = await campaign([ana.memberId, dan.memberId]);
    expect(second.sent).toBe(1);
    await waitUntil(async () => (await deliveriesOf(second.campaignId)).body.byStatus?.sent === 1, 30000, 'one email sent');
    await waitUntil(async () => (await mailpit.to(dan.email)).length === 2, 10000, 'dan has the second email');
    expect((await mailpit.to(ana.email)).length).toBe(1);

    // Delivery status is visible per member to service staff, with ids only.
    const perMember = await p.call<{ items: Array<{ status: string; campaignId: string }> }>('GET', `/v1/messaging/deliveries?memberId=${dan.memberId}`, {
      token: admin,
    });
    expect(perMember.body.items.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(JSON.stringify(perMember.body)).not.toContain(dan.email);
  });

  it('a forged unsubscribe link is refused and withdraws nothing', async () => {
    const res = await fetch(`${p.gatewayUrl}/v1/messaging/unsubscribe?token=${Buffer.from('campaign:c:m').toString('base64url')}.${'A'.repeat(43)}`, {
      method: 'POST',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('UNSUBSCRIBE.INVALID_LINK');
  });

  it("an integrator's webhook receives a signed points.earned delivery from a real sale, and rejects a forged one in its own check", async () => {
    let secret = '';
    const receiver = await new WebhookReceiver(
      (headers, body) => verifyWebhookSignature(secret, headers[SIGNATURE_HEADER] as string | undefined, body, Math.floor(Date.now() / 1000)).ok,
    ).up();
    try {
      expect((await p.call('POST', '/v1/webhooks/endpoints', { token: marketing, body: { url: receiver.url, eventTypes: ['points.earned.v1'] } })).status).toBe(
        403,
      );
      const registered = await p.call<{ id: string; secret: string }>('POST', '/v1/webhooks/endpoints', {
        token: admin,
        body: { url: receiver.url, eventTypes: ['points.earned.v1'], description: 'shop site' },
      });
      expect(registered.status).toBe(201);
      secret = registered.body.secret;

      const { memberId } = await enrol('hook', false);
      const sale = await p.call<{ points: { earned: number } }>('POST', '/v1/pos/transactions', {
        apiKey: posKey,
        body: {
          storeId: STORE,
          terminalId: 'till-1',
          transactionId: `T-${uniqueSuffix()}`,
          member: { memberId },
          occurredAt: new Date().toISOString(),
          currency: 'CNY',
          lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: 8800, discountMinor: 0 }],
          totalMinor: 8800,
          tender: 'card',
        },
      });
      expect(sale.status).toBe(201);
      const hook = await waitUntil(
        () => receiver.accepted().find((r) => JSON.parse(r.body).payload?.memberId === memberId),
        30000,
        'a signed points.earned delivery',
      );
      expect(hook.headers['x-loyalty-event-type']).toBe('points.earned.v1');
      expect(JSON.parse(hook.body)).toMatchObject({ type: 'points.earned', payload: { memberId, points: sale.body.points.earned } });
      expect(hook.body).not.toContain('@e2e-inbox.test');

      const forged = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: `t=${Math.floor(Date.now() / 1000)},v1=${'f'.repeat(64)}` },
        body: hook.body,
      });
      expect(forged.status).toBe(401);

      const log = await p.call<{ items: Array<{ status: string; log: Array<{ status: number }> }> }>(
        'GET',
        `/v1/webhooks/endpoints/${registered.body.id}/deliveries`,
        { token: admin },
      );
      expect(log.body.items[0]).toMatchObject({ status: 'delivered', log: [expect.objectContaining({ status: 204 })] });
    } finally {
      await receiver.down();
    }
  });
});
