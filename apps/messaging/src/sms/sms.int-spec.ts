import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { uniqueSuffix } from '@app/testing';
import type { DeliveryResponse } from '../deliveries/dto/delivery.dto';
import { call, callAnonymousJson, marketing, publish, startMessaging, type MessagingHarness } from '../testing/messaging-test-kit';

/** A real HTTP server standing for an SMS provider; answers with `status` and records requests. */
class SmsApi {
  readonly requests: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
  status = 201;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${this.requests.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('messaging: the SMS channel through its provider interface (real HTTP, Kafka, database)', () => {
  const get = async (h: MessagingHarness, id: string) => (await call<DeliveryResponse>(h.svc, marketing, 'GET', `/v1/messaging/deliveries/${id}`)).body;
  const settled = (h: MessagingHarness, id: string) =>
    h.deliverUntil(async () => {
      const d = await get(h, id);
      return d.status === 'sent' || d.status === 'failed' || d.status === 'skipped' ? d : null;
    }, `message ${id} settled`);

  it('the local sink adapter: a campaign text with the unsubscribe link, retried while the sink fails, sent once', async () => {
    const sink = await new SmsApi().start();
    sink.status = 503;
    const h = await startMessaging('2026-03-02T04:00:00.000Z', { SMS_PROVIDER: 'sink', SMS_SINK_URL: `${sink.url}/sms` });
    try {
      const { memberId } = h.members.add({ phone: '+8613800138000', name: '刘洋' });
      const campaignId = `c-${uniqueSuffix()}`;
      await publish(h.svc, 'campaign.message.requested.v1', {
        campaignId,
        memberId,
        channel: 'sms',
        kind: 'birthday',
        requestedAt: h.clock.now().toISOString(),
      });
      const id = `campaign:${campaignId}:${memberId}`;
      const retried = await h.deliverUntil(async () => {
        const d = await get(h, id);
        return d.reason === 'sms_http_503' ? d : null;
      }, 'a failed first attempt');
      expect(retried).toMatchObject({ status: 'queued', attempts: 1 });
      sink.status = 200;
      h.clock.advance(2000);
      expect(await settled(h, id)).toMatchObject({ status: 'sent', attempts: 2 });
      const accepted = sink.requests.slice(-1)[0];
      const body = JSON.parse(accepted.body) as { to: string; text: string; reference: string };
      expect(body).toMatchObject({ to: '+8613800138000', reference: id });
      expect(body.text).toContain('刘洋，您好！');
      expect(body.text).toMatch(/一键退订：http:\/\/gateway\.test\/v1\/messaging\/unsubscribe\?token=/);
      const exported = (await (await callAnonymousJson(h.svc, 'GET', `/v1/internal/members/${memberId}/personal-data`)).json()) as {
        data: { contactAddressesUsed: string[] };
      };
      expect(exported.data.contactAddressesUsed).toEqual(['+86138****8000']); // the usual 138****8000 masking
    } finally {
      await h.close();
      await sink.stop();
    }
  });

  it('the provider API adapter: form-encoded Messages request with basic auth; a 4xx is given up at once', async () => {
    const api = await new SmsApi().start();
    const h = await startMessaging('2026-03-02T04:00:00.000Z', {
      SMS_PROVIDER: 'twilio',
      SMS_API_URL: api.url,
      SMS_ACCOUNT_SID: 'AC123',
      SMS_AUTH_TOKEN: 'secret-token',
      SMS_FROM: '+10000000000',
    });
    try {
      const { memberId } = h.members.add({ phone: '+8613900139000' });
      const sent = await callAnonymousJson(h.svc, 'POST', '/v1/internal/messages/sign-in-code', {
        requestId: `req-${uniqueSuffix()}`,
        memberId,
        channel: 'sms',
        code: '482913',
        expiresInMinutes: 5,
      });
      expect(((await sent.json()) as { status: string }).status).toBe('sent');
      const req = api.requests[0];
      expect(req.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
      expect(req.headers.authorization).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
      const form = new URLSearchParams(req.body);
      expect(form.get('To')).toBe('+8613900139000');
      expect(form.get('From')).toBe('+10000000000');
      expect(form.get('Body')).toContain('482913');

      api.status = 400; // e.g. an invalid number: retrying changes nothing
      const campaignId = `c-${uniqueSuffix()}`;
      await publish(h.svc, 'campaign.message.requested.v1', { campaignId, memberId, channel: 'sms', kind: 'custom', requestedAt: h.clock.now().toISOString() });
      expect(await settled(h, `campaign:${campaignId}:${memberId}`)).toMatchObject({ status: 'failed', reason: 'sms_http_400', attempts: 1 });
    } finally {
      await h.close();
      await api.stop();
    }
  });

  it('without a provider, SMS messages end channel_not_available', async () => {
    const h = await startMessaging();
    try {
      const { memberId } = h.members.add({ phone: '+8613700137000' });
      const campaignId = `c-${uniqueSuffix()}`;
      await publish(h.svc, 'campaign.message.requested.v1', { campaignId, memberId, channel: 'sms', kind: 'custom', requestedAt: h.clock.now().toISOString() });
      expect(await settled(h, `campaign:${campaignId}:${memberId}`)).toMatchObject({ status: 'failed', reason: 'channel_not_available' });
    } finally {
      await h.close();
    }
  });
});
