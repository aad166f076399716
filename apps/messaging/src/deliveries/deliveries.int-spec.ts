import { mailpit, SwitchableRelay, testSmtpUrl, uniqueSuffix } from '@app/testing';
import type { CampaignKind } from '@app/contracts';
import { call, callAnonymous, marketing, publish, startMessaging, type MessagingHarness } from '../testing/messaging-test-kit';
import type { DeliveryResponse } from './dto/delivery.dto';

/** Campaign messages by email, against the real broker, database and SMTP server (Mailpit). */
describe('messaging: campaign messages reach the inbox once (real Kafka + database + Mailpit)', () => {
  let h: MessagingHarness;

  const request = (memberId: string, campaignId = `c-${uniqueSuffix()}`, kind: CampaignKind = 'welcome') =>
    publish(h.svc, 'campaign.message.requested.v1', { campaignId, memberId, channel: 'email', kind, requestedAt: h.clock.now().toISOString() }).then(
      () => campaignId,
    );
  const delivery = async (campaignId: string, memberId: string) =>
    (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/campaign:${campaignId}:${memberId}`)).body;
  const final = (campaignId: string, memberId: string) =>
    h.deliverUntil(async () => {
      const d = await delivery(campaignId, memberId);
      return d.status === 'sent' || d.status === 'skipped' || d.status === 'failed' ? d : null;
    }, `message of ${campaignId} to ${memberId} settled`);

  beforeAll(async () => {
    h = await startMessaging('2026-03-02T04:00:00.000Z'); // 12:00 in Shanghai: outside quiet hours
  });

  afterAll(async () => {
    await h?.close();
  });

  it('delivers a campaign message to a consenting member once, in zh-CN, with a one-click unsubscribe link', async () => {
    const { memberId, email } = h.members.add({ name: '韩梅梅', tier: 'gold' });
    const campaignId = await request(memberId);
    expect(await final(campaignId, memberId)).toMatchObject({ status: 'sent', attempts: 1, locale: 'zh-CN', reason: null });

    const inbox = await mailpit.to(email);
    expect(inbox).toHaveLength(1);
    const mail = await mailpit.message(inbox[0].ID);
    expect(mail.Subject).toBe('欢迎加入会员计划');
    expect(mail.Text).toContain('韩梅梅，您好！');
    expect(mail.Text).toContain('gold');
    expect(mail.Text).toMatch(/一键退订：http:\/\/gateway\.test\/v1\/messaging\/unsubscribe\?token=[A-Za-z0-9_.-]+/);
    const headers = await mailpit.headers(inbox[0].ID);
    expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    expect(headers['List-Unsubscribe']?.[0]).toMatch(/^<http:\/\/gateway\.test\/v1\/messaging\/unsubscribe\?token=/);
  });

  it('sends nothing more when the same request arrives again (redelivered event)', async () => {
    const { memberId, email } = h.members.add();
    const campaignId = await request(memberId);
    await final(campaignId, memberId);
    await request(memberId, campaignId);
    // A later request for the same member (same partition) settles after the repeated one was consumed.
    const barrier = await request(memberId);
    await final(barrier, memberId);
    expect(await delivery(campaignId, memberId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await mailpit.to(email)).toHaveLength(2); // the first campaign's once, the barrier's once
  });

  it('skips a member whose consent was withdrawn since dispatch, one erased, one unknown, and one without an address', async () => {
    const withdrawn = h.members.add({ marketingConsent: false });
    const erased = h.members.add({ status: 'erased', email: null, name: null });
    const noAddress = h.members.add({ email: null });
    const unknown = `m-ghost-${uniqueSuffix()}`;
    const campaignId = `c-${uniqueSuffix()}`;
    for (const m of [withdrawn.memberId, erased.memberId, noAddress.memberId, unknown]) await request(m, campaignId);
    expect((await final(campaignId, withdrawn.memberId)).reason).toBe('no_consent');
    expect((await final(campaignId, erased.memberId)).reason).toBe('erased');
    expect((await final(campaignId, noAddress.memberId)).reason).toBe('no_address');
    expect((await final(campaignId, unknown)).reason).toBe('unknown_member');
    expect(await mailpit.to(withdrawn.email)).toHaveLength(0);
    const summary = await call<{ total: number; byStatus: Record<string, number> }>(
      h.svc,
      marketing,
      'GET',
      `/v1/messaging/campaigns/${campaignId}/deliveries`,
    );
    expect(summary.body).toMatchObject({ total: 4, byStatus: { skipped: 4, sent: 0 } });
  });

  it('refuses a template naming a variable its kind lacks, and uses a saved one for the next message', async () => {
    const bad = await call<{ code: string; errors: Array<{ field: string; rule: string }> }>(
      h.svc,
      marketing,
      'PUT',
      '/v1/messaging/templates/campaign.birthday/zh-CN',
      { subject: '生日快乐', text: '您的优惠券：{{couponCode}}' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('TEMPLATES.INVALID');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'text', rule: 'variableOfKind' })]);

    const saved = await call<{ version: number; source: string }>(h.svc, marketing, 'PUT', '/v1/messaging/templates/campaign.birthday/zh-CN', {
      subject: '{{name}}，生日快乐',
      text: '{{name}}：{{tier}}会员生日礼已备好。',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, source: 'saved' });
    const { memberId, email } = h.members.add({ name: '王芳', tier: 'platinum' });
    const campaignId = await request(memberId, undefined, 'birthday');
    await final(campaignId, memberId);
    const [summary] = await mailpit.to(email);
    const mail = await mailpit.message(summary.ID);
    expect(mail.Subject).toBe('王芳，生日快乐');
    expect(mail.Text).toContain('王芳：platinum会员生日礼已备好。');
  });

  it('previews a draft with sample values and the unsubscribe footer; a preview missing a value names it', async () => {
    const ok = await call<{ subject: string; text: string }>(h.svc, marketing, 'POST', '/v1/messaging/templates/preview', {
      kind: 'campaign.win_back',
      locale: 'en',
      subject: 'Hi {{name}}',
      text: 'We miss you, {{name}}',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.subject).toBe('Hi Alex');
    expect(ok.body.text).toContain('Unsubscribe in one click');
    const missing = await call<{ code: string; errors: Array<{ field: string }> }>(h.svc, marketing, 'POST', '/v1/messaging/templates/preview', {
      kind: 'points_expiring',
      locale: 'en',
      values: { points: '' },
    });
    expect(missing.body.code).toBe('TEMPLATES.PREVIEW_VALUES_MISSING');
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'values.points' })]);
  });

  it('an unsubscribe link withdraws marketing consent at the members service; a forged one is refused', async () => {
    const { memberId, email } = h.members.add();
    const campaignId = await request(memberId);
    await final(campaignId, memberId);
    const mail = await mailpit.message((await mailpit.to(email))[0].ID);
    const link = new URL(/http:\/\/gateway\.test\/v1\/messaging\/unsubscribe\?token=[A-Za-z0-9_.-]+/.exec(mail.Text)![0]);

    const page = await callAnonymous(h.svc, 'GET', `${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('确认退订');
    expect(h.members.withdrawals).not.toContain(memberId); // opening the link withdraws nothing

    const done = await callAnonymous(h.svc, 'POST', `${link.pathname}${link.search}`);
    expect(done.status).toBe(200);
    expect(h.members.withdrawals).toContain(memberId);

    const forged = await callAnonymous(
      h.svc,
      'POST',
      `${link.pathname}?token=${Buffer.from(`campaign:${campaignId}:someone-else`).toString('base64url')}.${'A'.repeat(43)}`,
    );
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { code: string }).code).toBe('UNSUBSCRIBE.INVALID_LINK');
  });

  it('tells a member of a tier change by email, without marketing consent (transactional), once per event; not at enrolment', async () => {
    const { memberId, email } = h.members.add({ marketingConsent: false, name: '赵磊' });
    const changed = {
      memberId,
      fromTier: 'silver',
      toTier: 'gold',
      reason: 'qualified' as const,
      earnMultiplierPercent: 150,
      changedAt: h.clock.now().toISOString(),
    };
    // The enrolment tier first, then a real change: same member, same partition, so by the time the
    // second has a message the first has been consumed.
    await publish(h.svc, 'member.tier.changed.v1', { ...changed, fromTier: 'none', toTier: 'silver', reason: 'enrolment' });
    const eventId = await publish(h.svc, 'member.tier.changed.v1', changed);
    const d = await h.deliverUntil(async () => {
      const x = (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/tier:${eventId}`)).body;
      return x.status === 'sent' ? x : null;
    }, 'tier change message sent');
    expect(d).toMatchObject({ kind: 'tier_changed', marketing: false });
    const mail = await mailpit.message((await mailpit.to(email))[0].ID);
    expect(mail.Subject).toBe('您的会员等级已更新为gold');
    expect(mail.Text).not.toContain('退订'); // transactional: no unsubscribe footer
    const all = await call<{ items: Array<{ id: string }> }>(h.svc, marketing, 'GET', `/v1/messaging/deliveries?memberId=${memberId}`);
    expect(all.body.items.map((x) => x.id)).toEqual([`tier:${eventId}`]);
    expect(await mailpit.to(email)).toHaveLength(1);
  });

  it("the data export part lists the member's messages with the address masked", async () => {
    const { memberId } = h.members.add({ email: 'lily.chen@inbox.test' });
    const campaignId = await request(memberId);
    await final(campaignId, memberId);
    const res = await callAnonymous(h.svc, 'GET', `/v1/internal/members/${memberId}/personal-data`);
    const body = (await res.json()) as {
      service: string;
      data: { deliveries: Array<{ id: string; status: string; addressUsed: string }>; contactAddressesUsed: string[] };
    };
    expect(body.service).toBe('messaging');
    expect(body.data.deliveries).toEqual([
      expect.objectContaining({ id: `campaign:${campaignId}:${memberId}`, status: 'sent', addressUsed: 'l***@inbox.test' }),
    ]);
    expect(body.data.contactAddressesUsed).toEqual(['l***@inbox.test']);
  });
});

describe('messaging: SMTP server down for a while, quiet hours, frequency cap', () => {
  it('retries while the SMTP server is down and delivers exactly once when it is back', async () => {
    const target = new URL(testSmtpUrl());
    const relay = new SwitchableRelay(target.hostname, Number(target.port));
    await relay.up();
    const port = relay.port;
    await relay.down();
    const h = await startMessaging('2026-03-02T04:00:00.000Z', { SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const members = [h.members.add(), h.members.add(), h.members.add()];
      const campaignId = `c-${uniqueSuffix()}`;
      for (const m of members)
        await publish(h.svc, 'campaign.message.requested.v1', {
          campaignId,
          memberId: m.memberId,
          channel: 'email',
          kind: 'win_back',
          requestedAt: h.clock.now().toISOString(),
        });
      const get = async (memberId: string) =>
        (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/campaign:${campaignId}:${memberId}`)).body;
      for (const m of members) {
        const d = await h.deliverUntil(async () => {
          const x = await get(m.memberId);
          return x.status === 'queued' && x.attempts >= 1 ? x : null;
        }, 'a failed first attempt');
        expect(d.reason).toMatch(/^smtp_/);
      }
      h.clock.advance(1500); // past the first backoff: second attempt, still down
      await h.deliverUntil(async () => (await get(members[0].memberId)).attempts >= 2, 'second attempt');
      await relay.up(); // back on the same port
      h.clock.advance(5000);
      for (const m of members) {
        const d = await h.deliverUntil(async () => {
          const x = await get(m.memberId);
          return x.status === 'sent' ? x : null;
        }, 'sent after recovery');
        expect(d.history.filter((e) => e.outcome === 'retry').length).toBeGreaterThanOrEqual(1);
      }
      for (const m of members) expect(await mailpit.to(m.email)).toHaveLength(1);
    } finally {
      await h.close();
      await relay.down();
    }
  });

  it('holds marketing in quiet hours of the time zone and sends it when they end', async () => {
    const h = await startMessaging('2026-03-02T14:30:00.000Z', { MESSAGING_QUIET_HOURS: '21:00-08:00', MESSAGING_TIME_ZONE: 'Asia/Shanghai' }); // 22:30 in Shanghai
    try {
      const { memberId, email } = h.members.add();
      const campaignId = `c-${uniqueSuffix()}`;
      await publish(h.svc, 'campaign.message.requested.v1', {
        campaignId,
        memberId,
        channel: 'email',
        kind: 'vip_care',
        requestedAt: h.clock.now().toISOString(),
      });
      const get = async () => (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/campaign:${campaignId}:${memberId}`)).body;
      const held = await h.deliverUntil(async () => {
        const d = await get();
        return d.reason === 'quiet_hours' ? d : null;
      }, 'held for quiet hours');
      expect(held).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: '2026-03-03T00:00:00.000Z' });
      expect(await mailpit.to(email)).toHaveLength(0);
      h.clock.set('2026-03-03T00:00:01.000Z'); // 08:00:01 in Shanghai
      await h.deliverUntil(async () => (await get()).status === 'sent', 'sent in the morning');
      expect(await mailpit.to(email)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('skips marketing beyond the frequency cap of the window', async () => {
    const h = await startMessaging('2026-03-02T04:00:00.000Z', { MESSAGING_CAP_COUNT: '2', MESSAGING_CAP_WINDOW_HOURS: '24' });
    try {
      const { memberId, email } = h.members.add();
      const get = async (campaignId: string) =>
        (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/campaign:${campaignId}:${memberId}`)).body;
      const outcomes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const campaignId = `c-${uniqueSuffix()}`;
        await publish(h.svc, 'campaign.message.requested.v1', {
          campaignId,
          memberId,
          channel: 'email',
          kind: 'custom',
          requestedAt: h.clock.now().toISOString(),
        });
        const d = await h.deliverUntil(async () => {
          const x = await get(campaignId);
          return x.status === 'sent' || x.status === 'skipped' ? x : null;
        }, `campaign ${i}`);
        outcomes.push(d.reason ?? d.status);
        h.clock.advance(60_000);
      }
      expect(outcomes).toEqual(['sent', 'sent', 'frequency_cap']);
      expect(await mailpit.to(email)).toHaveLength(2);
    } finally {
      await h.close();
    }
  });
});
