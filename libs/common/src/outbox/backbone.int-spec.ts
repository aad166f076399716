import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Model } from 'mongoose';
import { DeadLetterHeaders, EventHeaders } from '@app/contracts';
import { BaseEnv, EventFactory as EventFactoryToken, OutboxRelay, OUTBOX_FIELD, OUTBOX_PENDING_FIELD, outboxSignal, toKafkaMessage } from '@app/common';
import { produceRaw, startTestService, TEST_INTERNAL_TOKEN, testEnv, TopicReader, uniqueSuffix, waitUntil, type RunningTestService } from '@app/testing';
import { backboneTestService } from '@app/testing/fixtures/backbone/counter.fixture';
import { COUNTER_MODEL, COUNTER_TOTAL_MODEL, type CounterTotal } from '@app/testing/fixtures/backbone/counter.schemas';
import { CounterBumpedV1Event } from '@app/testing/fixtures/backbone/counter-bumped.event';

/**
 * The event backbone against the real broker and database: outbox publishing that survives a
 * killed publisher, idempotent consumption of redelivered events, dead letters that do not
 * block a partition, and the correlation id from HTTP into the consumer.
 */
describe('event backbone (real Kafka + database)', () => {
  const topic = CounterBumpedV1Event.topic;
  let env: BaseEnv;
  let svc: RunningTestService;
  let reader: TopicReader;

  const totals = () => svc.connection.model<CounterTotal>(COUNTER_TOTAL_MODEL);
  const totalOf = async (id: string) => totals().findById(id).lean();
  const bump = (id: string, amount: number, correlationId = `corr-${uniqueSuffix()}`) =>
    fetch(`${svc.url}/test-counters/${id}/bump`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, 'x-internal-token': TEST_INTERNAL_TOKEN },
      body: JSON.stringify({ amount }),
    });

  beforeAll(async () => {
    env = testEnv(BaseEnv, 'backbone', { CONSUMER_MAX_ATTEMPTS: '3' });
    svc = await startTestService(backboneTestService, env);
    reader = await TopicReader.start([topic, 'backbone.dlq']);
  });

  afterAll(async () => {
    await reader?.stop();
    await svc?.close();
  });

  it('publishes a state change through the outbox and the consumer applies it once, with the request correlation id', async () => {
    const id = `c-${uniqueSuffix()}`;
    const res = await bump(id, 5, 'corr-http-to-kafka-1');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe('corr-http-to-kafka-1');
    const { eventId } = (await res.json()) as { eventId: string };

    const msg = await reader.waitFor((m) => m.headers[EventHeaders.eventId] === eventId);
    expect(msg.key).toBe(id);
    expect(msg.headers[EventHeaders.correlationId]).toBe('corr-http-to-kafka-1');
    expect(msg.json()).toMatchObject({
      id: eventId,
      type: 'test.counter.bumped',
      version: 1,
      source: 'backbone',
      partitionKey: id,
      payload: { counterId: id, amount: 5 },
    });

    const total = await waitUntil(async () => (await totalOf(id))?.applied === 1 && totalOf(id), 20000, 'consumer effect');
    expect(total).toMatchObject({ total: 5, applied: 1, lastCorrelationId: 'corr-http-to-kafka-1' });
    // The outbox entry is gone once published.
    const counter = await svc.connection.model(COUNTER_MODEL).findById(id).select(`+${OUTBOX_FIELD} +${OUTBOX_PENDING_FIELD}`).lean();
    expect(counter).toMatchObject({ value: 5 });
    expect((counter as Record<string, unknown>)[OUTBOX_PENDING_FIELD]).toBeUndefined();
  });

  it('a publisher killed between the write and the publish loses nothing: the event arrives once in effect after restart', async () => {
    const id = `crash-${uniqueSuffix()}`;
    // Its own database: no running relay may see the write before the "restart".
    const crashEnv = testEnv(BaseEnv, 'crash', { CONSUMER_MAX_ATTEMPTS: '3' });
    // 1. A separate process writes the change (relay off) and is SIGKILLed before publishing.
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '../../../testing/src/fixtures/backbone/write-then-die.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        MONGO_URL: crashEnv.MONGO_URL,
        KAFKA_BROKERS: crashEnv.KAFKA_BROKERS,
        KAFKA_GROUP_PREFIX: crashEnv.KAFKA_GROUP_PREFIX,
        LOG_LEVEL: 'error',
        INTERNAL_TOKEN: crashEnv.INTERNAL_TOKEN,
        COUNTER_ID: id,
        SWC_NODE_PROJECT: 'tsconfig.json',
      },
      cwd: join(__dirname, '../../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(() => out.includes('WROTE') || out.includes('FAILED') || child.exitCode !== null, 60000, 'child write');
    expect(out).toContain('WROTE 201');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // 2. The restarted service finds the write with its event still pending.
    const restarted = await startTestService(backboneTestService, crashEnv, { outboxRelay: false });
    try {
      const counters = restarted.connection.model(COUNTER_MODEL) as Model<Record<string, unknown>>;
      const stored = await counters.findById(id).select(`+${OUTBOX_FIELD} +${OUTBOX_PENDING_FIELD}`).lean();
      expect(stored).toMatchObject({ value: 7, [OUTBOX_PENDING_FIELD]: true });
      const eventId = (stored?.[OUTBOX_FIELD] as Array<{ id: string }>)[0]?.id;
      expect(eventId).toBeDefined();
      expect(reader.messages.some((m) => m.headers[EventHeaders.eventId] === eventId)).toBe(false);

      // 3. Its relay publishes it; its consumer applies it exactly once.
      expect(await restarted.app.get(OutboxRelay).drain()).toBe(1);
      await reader.waitFor((m) => m.headers[EventHeaders.eventId] === eventId);
      const restartedTotals = restarted.connection.model<CounterTotal>(COUNTER_TOTAL_MODEL);
      await waitUntil(async () => (await restartedTotals.findById(id).lean())?.applied === 1, 20000, 'consumer effect');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await restartedTotals.findById(id).lean()).toMatchObject({ total: 7, applied: 1, lastCorrelationId: 'crash-test-correlation' });
      expect(await counters.findById(id).select(`+${OUTBOX_PENDING_FIELD}`).lean()).not.toHaveProperty(OUTBOX_PENDING_FIELD);
    } finally {
      await restarted.close();
    }
  }, 120000);

  it('an event written without a hint (another instance, a raw write) is published by the safety-net scan', async () => {
    const id = `unhinted-${uniqueSuffix()}`;
    const event = svc.app.get(EventFactoryToken).fromDefinition(CounterBumpedV1Event, { counterId: id, amount: 9 });
    // The raw driver bypasses mongoose middleware: no hint reaches the relay.
    await svc.connection.collection('test_counters').insertOne({ _id: id as never, value: 9, [OUTBOX_FIELD]: [event], [OUTBOX_PENDING_FIELD]: true });
    await reader.waitFor((m) => m.headers[EventHeaders.eventId] === event.id, 20000);
    await waitUntil(async () => (await totalOf(id))?.total === 9, 20000, 'consumer effect');
    const stored = await svc.connection.collection('test_counters').findOne({ _id: id as never });
    expect(stored).not.toHaveProperty(OUTBOX_PENDING_FIELD);
  });

  it('an insert hint that reaches the relay after the scan already published its document sends nothing again', async () => {
    const id = `late-hint-${uniqueSuffix()}`;
    const event = svc.app.get(EventFactoryToken).fromDefinition(CounterBumpedV1Event, { counterId: id, amount: 4 });
    await svc.connection.collection('test_counters').insertOne({ _id: id as never, value: 4, [OUTBOX_FIELD]: [event], [OUTBOX_PENDING_FIELD]: true });
    await reader.waitFor((m) => m.headers[EventHeaders.eventId] === event.id, 20000); // published by the scan
    await waitUntil(
      async () => !(await svc.connection.collection('test_counters').findOne({ _id: id as never, [OUTBOX_PENDING_FIELD]: true })),
      20000,
      'settled',
    );
    // The insert's own hint, late (the scan ran between the write and its hook).
    outboxSignal.emit('pending', { model: COUNTER_MODEL, inserted: [{ id, events: [event] }] });
    await new Promise((r) => setTimeout(r, 1500));
    expect(reader.messages.filter((m) => m.headers[EventHeaders.eventId] === event.id)).toHaveLength(1);
  });

  it('a crash after publishing but before clearing the outbox republishes, and the effect is still once', async () => {
    const id = `republish-${uniqueSuffix()}`;
    const { eventId } = (await (await bump(id, 3)).json()) as { eventId: string };
    const first = await reader.waitFor((m) => m.headers[EventHeaders.eventId] === eventId);
    await waitUntil(async () => (await totalOf(id))?.applied === 1, 20000, 'first effect');

    // Put the database back in the state a crash right after `send` leaves: event still pending.
    const counters = svc.connection.model(COUNTER_MODEL);
    await counters.updateOne({ _id: id }, { $set: { [OUTBOX_FIELD]: [first.json()], [OUTBOX_PENDING_FIELD]: true } });
    await svc.app.get(OutboxRelay).drain();
    await waitUntil(() => reader.messages.filter((m) => m.headers[EventHeaders.eventId] === eventId).length >= 2, 20000, 'republished copy');

    await new Promise((r) => setTimeout(r, 1500)); // give the consumer time to (wrongly) apply it again
    expect(await totalOf(id)).toMatchObject({ total: 3, applied: 1 });
  });

  it('a redelivered batch has one effect', async () => {
    const id = `batch-${uniqueSuffix()}`;
    const events = [1, 2, 3].map((amount) => svc.app.get(EventFactoryToken).fromDefinition(CounterBumpedV1Event, { counterId: id, amount }));
    const messages = events.map(toKafkaMessage);
    await produceRaw(topic, messages);
    await produceRaw(topic, messages); // the whole batch again
    await produceRaw(topic, [messages[1], messages[0]]); // and part of it out of order
    await waitUntil(async () => (await totalOf(id))?.applied === 3, 20000, 'three effects');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await totalOf(id)).toMatchObject({ total: 6, applied: 3 });
  });

  it('a malformed event goes to the dead-letter topic with its error and later events on the same partition still flow', async () => {
    const id = `poison-${uniqueSuffix()}`;
    await produceRaw(topic, [
      { key: id, value: '{ this is not json', headers: { 'x-probe': 'not-json' } },
      {
        key: id,
        value: JSON.stringify({
          ...svc.app.get(EventFactoryToken).fromDefinition(CounterBumpedV1Event, { counterId: id, amount: 1 }),
          payload: { counterId: id, amount: 'lots' },
        }),
        headers: { 'x-probe': 'bad-payload' },
      },
    ]);
    const res = await bump(id, 4); // same key, hence same partition, after the poison
    expect(res.status).toBe(201);

    const notJson = await reader.waitFor((m) => m.topic === 'backbone.dlq' && m.headers['x-probe'] === 'not-json');
    expect(notJson.headers[DeadLetterHeaders.errorCode]).toBe('EVENT.MALFORMED');
    expect(notJson.headers[DeadLetterHeaders.originalTopic]).toBe(topic);
    expect(notJson.value).toBe('{ this is not json');
    const badPayload = await reader.waitFor((m) => m.topic === 'backbone.dlq' && m.headers['x-probe'] === 'bad-payload');
    expect(badPayload.headers[DeadLetterHeaders.errorCode]).toBe('EVENT.INVALID_PAYLOAD');
    expect(badPayload.headers[DeadLetterHeaders.errorMessage]).toContain('payload.amount');

    await waitUntil(async () => (await totalOf(id))?.total === 4, 20000, 'the valid event after the poison');
  });

  it('an event whose handler keeps failing is retried, dead-lettered, and does not block the partition', async () => {
    const id = `failing-${uniqueSuffix()}`;
    const before = svc.consumer.stats.retried;
    const failing = await bump(id, -1);
    const { eventId } = (await failing.json()) as { eventId: string };
    await bump(id, 2);

    const dead = await reader.waitFor((m) => m.topic === 'backbone.dlq' && m.headers[EventHeaders.eventId] === eventId, 30000);
    expect(dead.headers[DeadLetterHeaders.errorCode]).toBe('EVENT.HANDLER_FAILED');
    expect(dead.headers[DeadLetterHeaders.attempts]).toBe('3');
    expect(dead.headers[DeadLetterHeaders.errorMessage]).toContain('negative bumps');
    expect(svc.consumer.stats.retried - before).toBeGreaterThanOrEqual(2);
    await waitUntil(async () => (await totalOf(id))?.total === 2, 20000, 'the event after the failing one');
  });

  it('an event whose handler finds the database unreachable waits for it without spending attempts, and is applied once, not dead-lettered', async () => {
    // Unreachable for 5 handlings, more than CONSUMER_MAX_ATTEMPTS (3): before, it was dead-lettered during an outage.
    const id = `db-away-5-${uniqueSuffix()}`;
    const before = svc.consumer.stats.waitedForDatabase;
    const { eventId } = (await (await bump(id, 7)).json()) as { eventId: string };

    await waitUntil(async () => (await totalOf(id))?.total === 7, 30000, 'applied once the database is back');
    expect(svc.consumer.stats.waitedForDatabase - before).toBe(5);
    expect((await totalOf(id))?.applied).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.messages.filter((m) => m.topic === 'backbone.dlq' && m.headers[EventHeaders.eventId] === eventId)).toEqual([]);
  });
});
