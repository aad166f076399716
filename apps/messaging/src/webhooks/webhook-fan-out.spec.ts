import { ManualClock } from '@app/common';
import type { EventEnvelope } from '@app/contracts';
import type { WebhookDelivery, WebhookEndpoint } from './webhook.schema';
import { ENDPOINTS_READING_REUSE_MS, WebhookFanOut } from './webhook-fan-out.service';
import type { WebhooksRepository } from './webhooks.repository';

/** When one reading of the endpoints may serve several events (the rule is pure; the store is an in-memory list). */
describe('WebhookFanOut: one reading of the endpoints serves the events that occurred before it', () => {
  const T0 = Date.parse('2026-03-02T04:00:00.000Z');
  let clock: ManualClock;
  let endpoints: WebhookEndpoint[];
  let deliveries: WebhookDelivery[];
  let readings: number;
  let failNextReading: boolean;
  let fanOut: WebhookFanOut;

  const repo = {
    listEndpoints: async () => {
      readings += 1;
      if (failNextReading) {
        failNextReading = false;
        throw new Error('database away');
      }
      return endpoints.map((e) => ({ ...e }));
    },
    insertDelivery: async (d: WebhookDelivery) => {
      if (deliveries.some((x) => x._id === d._id)) return false;
      deliveries.push(d);
      return true;
    },
  } as unknown as WebhooksRepository;

  const endpoint = (id: string, createdAtMs: number, eventTypes = ['points.earned.v1']): WebhookEndpoint => ({
    _id: id,
    url: 'https://shop.example/hooks',
    description: '',
    eventTypes,
    secret: 'whsec_x',
    status: 'active',
    pausedReason: null,
    consecutiveFailures: 0,
    createdAt: new Date(createdAtMs),
    updatedAt: new Date(createdAtMs),
    createdBy: { id: 'admin', role: 'admin' },
  });
  let n = 0;
  const event = (occurredAtMs: number, type = 'points.earned'): EventEnvelope =>
    ({
      id: `e-${++n}`,
      type,
      version: 1,
      occurredAt: new Date(occurredAtMs).toISOString(),
      source: 'points',
      correlationId: 'c',
      partitionKey: 'm-1',
      payload: {},
    }) as EventEnvelope;
  const endpointsOf = (eventId: string) => deliveries.filter((d) => d.eventId === eventId).map((d) => d.endpointId);

  beforeEach(() => {
    clock = new ManualClock(new Date(T0));
    endpoints = [endpoint('wh_a', T0 - 60_000)];
    deliveries = [];
    readings = 0;
    failNextReading = false;
    fanOut = new WebhookFanOut(repo, clock);
  });

  it('events that occurred before a reading started share it; each still goes only to endpoints that want it', async () => {
    endpoints.push(endpoint('wh_other', T0 - 60_000, ['member.enrolled.v1']));
    clock.set(new Date(T0 + 50));
    const first = event(T0);
    const second = event(T0 + 10);
    const enrolled = event(T0 + 20, 'member.enrolled');
    await fanOut.queue(first);
    clock.advance(5);
    await fanOut.queue(second);
    await fanOut.queue(enrolled);
    expect(readings).toBe(1);
    expect(endpointsOf(first.id)).toEqual(['wh_a']);
    expect(endpointsOf(second.id)).toEqual(['wh_a']);
    expect(endpointsOf(enrolled.id)).toEqual(['wh_other']);
  });

  it('an event that occurred after the latest reading started is served by a new reading, which sees an endpoint created meanwhile', async () => {
    clock.set(new Date(T0 + 10));
    await fanOut.queue(event(T0));
    endpoints.push(endpoint('wh_new', T0 + 20));
    const later = event(T0 + 30);
    clock.set(new Date(T0 + 40));
    await fanOut.queue(later);
    expect(readings).toBe(2);
    expect(endpointsOf(later.id).sort()).toEqual(['wh_a', 'wh_new']);
  });

  it('a reading serves for a limited time only, and a failed reading serves nobody else', async () => {
    clock.set(new Date(T0 + 10));
    await fanOut.queue(event(T0));
    clock.advance(ENDPOINTS_READING_REUSE_MS + 1);
    await fanOut.queue(event(T0 + 1));
    expect(readings).toBe(2);

    failNextReading = true;
    clock.advance(ENDPOINTS_READING_REUSE_MS + 1);
    await expect(fanOut.queue(event(T0 + 2))).rejects.toThrow('database away');
    const retried = event(T0 + 2);
    await fanOut.queue(retried);
    expect(readings).toBe(4);
    expect(endpointsOf(retried.id)).toEqual(['wh_a']);
  });

  it('an endpoint created after the event occurred does not receive it (history comes by replay)', async () => {
    endpoints.push(endpoint('wh_late', T0 + 5));
    clock.set(new Date(T0 + 10));
    const before = event(T0);
    await fanOut.queue(before);
    expect(endpointsOf(before.id)).toEqual(['wh_a']);
  });
});
