import { testActors, uniqueSuffix, WebhookReceiver } from '@app/testing';
import type { EventEnvelope } from '@app/contracts';
import { call, publish, startMessaging, type MessagingHarness } from '../testing/messaging-test-kit';
import type { CreatedEndpointResponse, EndpointResponse, WebhookDeliveryPage } from './dto/webhook.dto';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature';
import { WebhookDispatcher } from './webhook-dispatcher.service';

/** Webhooks for integrators against the real broker and database, to a real HTTP receiver. */
describe('messaging: signed webhooks with retries, pause and replay (real Kafka + database)', () => {
  let h: MessagingHarness;
  const admin = testActors.admin();
  const auditor = { id: 'staff-auditor', role: 'auditor' as const, storeIds: [] };

  const earned = (memberId: string, points = 120) =>
    publish(h.svc, 'points.earned.v1', {
      memberId,
      purchaseId: `p-${uniqueSuffix()}`,
      storeId: 'store-1',
      points,
      status: 'available',
      availableAt: h.clock.now().toISOString(),
      expiresAt: '2027-03-02T00:00:00.000Z',
      ruleVersion: 1,
      rules: [{ rule: 'base', points }],
      occurredAt: h.clock.now().toISOString(),
    });
  const dispatch = () => h.svc.app.get(WebhookDispatcher).runOnce();
  async function until<T>(probe: () => Promise<T | null | false | undefined> | T | null | false | undefined, what: string): Promise<T> {
    const deadline = Date.now() + 30000;
    for (;;) {
      await dispatch();
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function register(receiver: WebhookReceiver, eventTypes = ['points.earned.v1']): Promise<CreatedEndpointResponse> {
    const res = await call<CreatedEndpointResponse>(h.svc, admin, 'POST', '/v1/webhooks/endpoints', {
      url: receiver.url,
      eventTypes,
      description: 'shop site',
    });
    expect(res.status).toBe(201);
    return res.body;
  }
  /** An integrator's receiver that checks signatures with its endpoint's secret, and that endpoint registered. */
  async function endpointWithReceiver(): Promise<{ receiver: WebhookReceiver; endpoint: CreatedEndpointResponse }> {
    let secret = '';
    const receiver = await new WebhookReceiver(
      (headers, body) => verifyWebhookSignature(secret, headers[SIGNATURE_HEADER] as string | undefined, body, Math.floor(h.clock.now().getTime() / 1000)).ok,
    ).up();
    const endpoint = await register(receiver);
    secret = endpoint.secret;
    return { receiver, endpoint };
  }
  const deliveriesOf = async (endpointId: string) =>
    (await call<WebhookDeliveryPage>(h.svc, admin, 'GET', `/v1/webhooks/endpoints/${endpointId}/deliveries`)).body.items;

  beforeAll(async () => {
    h = await startMessaging('2026-03-02T04:00:00.000Z', { WEBHOOK_POLL_MS: '0', WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_PAUSE_AFTER_FAILURES: '4' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('delivers points.earned signed with the endpoint secret: the payload is the published contract, ids only', async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    const { secret } = endpoint;
    try {
      expect(secret).toMatch(/^whsec_/);
      const memberId = `m-${uniqueSuffix()}`;
      const eventId = await earned(memberId);
      const [hook] = await until(() => (receiver.accepted().length ? receiver.accepted() : null), 'a signed delivery');
      expect(hook.headers['x-loyalty-event-id']).toBe(eventId);
      expect(hook.headers['x-loyalty-event-type']).toBe('points.earned.v1');
      const envelope = JSON.parse(hook.body) as EventEnvelope<{ memberId: string; points: number }>;
      expect(envelope).toMatchObject({ id: eventId, type: 'points.earned', version: 1, payload: { memberId, points: 120 } });

      const log = await call<WebhookDeliveryPage>(h.svc, auditor, 'GET', `/v1/webhooks/endpoints/${endpoint.id}/deliveries`);
      expect(log.body.items[0]).toMatchObject({ eventId, status: 'delivered', attempts: 1, log: [expect.objectContaining({ status: 204 })] });
      const listed = await call<{ items: EndpointResponse[] }>(h.svc, auditor, 'GET', '/v1/webhooks/endpoints');
      expect(JSON.stringify(listed.body)).not.toContain(secret); // the secret is shown once
    } finally {
      await receiver.down();
    }
  });

  it("the receiver's own check rejects a forged signature and a stale replay", async () => {
    const { receiver } = await endpointWithReceiver();
    try {
      const body = JSON.stringify({ id: 'forged', type: 'points.earned', version: 1, payload: { memberId: 'm-x', points: 99999 } });
      const t = Math.floor(h.clock.now().getTime() / 1000);
      const forged = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: `t=${t},v1=${'a'.repeat(64)}` },
        body,
      });
      expect(forged.status).toBe(401);
      const eventId = await earned(`m-${uniqueSuffix()}`);
      const genuine = await until(() => receiver.accepted().find((r) => r.headers['x-loyalty-event-id'] === eventId), 'genuine delivery');
      h.clock.advance(10 * 60_000); // ten minutes later, someone replays the captured request
      const replayed = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: genuine.headers[SIGNATURE_HEADER] as string },
        body: genuine.body,
      });
      expect(replayed.status).toBe(401);
    } finally {
      await receiver.down();
    }
  });

  it('survives the endpoint being down: retried with backoff and delivered once it is back', async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    await receiver.down();
    try {
      const eventId = await earned(`m-${uniqueSuffix()}`);
      const failed = await until(async () => (await deliveriesOf(endpoint.id)).find((d) => d.eventId === eventId && d.attempts >= 1), 'a failed attempt');
      expect(failed).toMatchObject({ status: 'pending', log: [expect.objectContaining({ status: null, error: expect.any(String) })] });
      await receiver.up();
      h.clock.advance(1500);
      await until(async () => (await deliveriesOf(endpoint.id)).find((d) => d.eventId === eventId && d.status === 'delivered'), 'delivered after recovery');
      expect(receiver.accepted().filter((r) => r.headers['x-loyalty-event-id'] === eventId)).toHaveLength(1);
    } finally {
      await receiver.down();
    }
  });

  it('pauses an endpoint that keeps failing, holds its events, and replays from a point when asked', async () => {
    const { receiver, endpoint } = await endpointWithReceiver();
    await receiver.down();
    try {
      const from = h.clock.now().toISOString();
      const ids = [await earned(`m-${uniqueSuffix()}`), await earned(`m-${uniqueSuffix()}`)];
      const state = async () => (await call<EndpointResponse>(h.svc, admin, 'GET', `/v1/webhooks/endpoints/${endpoint.id}`)).body;
      await until(async () => {
        h.clock.advance(5000);
        return (await state()).status === 'paused';
      }, 'paused after repeated failures');
      expect(await state()).toMatchObject({ status: 'paused', pausedReason: 'failing' });
      const third = await earned(`m-${uniqueSuffix()}`); // arrives while paused: held
      await until(async () => (await deliveriesOf(endpoint.id)).find((d) => d.eventId === third && d.status === 'held'), 'third event held');

      await receiver.up();
      const replay = await call<{ queued: number }>(h.svc, admin, 'POST', `/v1/webhooks/endpoints/${endpoint.id}/replay`, { from });
      expect(replay.status).toBe(200);
      expect(replay.body.queued).toBe(3);
      await until(
        () => [...ids, third].every((id) => receiver.accepted().some((r) => r.headers['x-loyalty-event-id'] === id)),
        'all three delivered after replay',
      );
      expect((await state()).status).toBe('active');
    } finally {
      await receiver.down();
    }
  });

  it('refuses an event type integrators cannot subscribe to, naming the field and the rule', async () => {
    const res = await call<{ code: string; errors: Array<{ field: string; rule: string }> }>(h.svc, admin, 'POST', '/v1/webhooks/endpoints', {
      url: 'https://shop.example.com/hook',
      eventTypes: ['points.earned.v1', 'campaign.message.requested.v1'],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'WEBHOOKS.UNKNOWN_EVENT_TYPE', errors: [{ field: 'eventTypes[1]', rule: 'isIn' }] });
  });
});
