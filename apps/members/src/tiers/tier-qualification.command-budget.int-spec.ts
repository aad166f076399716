import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import type { PurchaseRecordedV1, PurchaseReturnedV1 } from '@app/contracts';
import { EventFactory, ManualClock, toKafkaMessage } from '@app/common';
import { asActor, produceRaw, requestJson, startTestService, testActors, waitUntil, type RunningTestService } from '@app/testing';
import { membersService } from '../members.service-descriptor';
import { enrolBody, membersTestEnv } from '../testing/members.test-env';
import type { MemberResponse } from '../members/dto/member.response';

/**
 * How many database round trips tier qualification costs per purchase or return event, counted
 * from the driver's command events (deterministic, unlike timings). Every POS sale becomes one
 * purchase event here, so a change that adds a round trip shows here first.
 */
describe('tiers: database round trips per purchase event (real Kafka + database)', () => {
  let svc: RunningTestService;
  const clock = new ManualClock('2026-03-01T12:00:00Z');
  const seen: Array<{ name: string; collection: string }> = [];
  const onCommand = (e: CommandStartedEvent) => {
    const target = (e.command as Record<string, unknown>)[e.commandName];
    seen.push({ name: e.commandName, collection: typeof target === 'string' ? target : '' });
  };

  beforeAll(async () => {
    process.env.MONGO_MONITOR_COMMANDS = '1';
    svc = await startTestService(membersService, membersTestEnv({ OUTBOX_SCAN_MS: '600000' }), { clock });
    delete process.env.MONGO_MONITOR_COMMANDS;
    svc.connection.getClient().on('commandStarted', onCommand);
  });

  afterAll(async () => {
    svc?.connection.getClient().off('commandStarted', onCommand);
    await svc?.close();
  });

  const enrol = async () =>
    (await requestJson<MemberResponse>(`${svc.url}/v1/members`, { headers: asActor(testActors.pos('store-1')), body: enrolBody() })).body.memberId;
  const purchase = (memberId: string, amountMinor: number, purchaseId = `p-${randomUUID()}`) => {
    const payload: PurchaseRecordedV1 = {
      purchaseId,
      memberId,
      storeId: 'store-1',
      amountMinor,
      currency: 'CNY',
      categories: [{ category: 'grocery', amountMinor }],
      occurredAt: clock.now().toISOString(),
    };
    return toKafkaMessage({ ...svc.app.get(EventFactory).create('purchase.recorded.v1', payload), source: 'points' });
  };
  const returned = (memberId: string, purchaseId: string, amountMinor: number) => {
    const payload: PurchaseReturnedV1 = {
      returnId: `r-${randomUUID()}`,
      purchaseId,
      memberId,
      storeId: 'store-1',
      amountMinor,
      currency: 'CNY',
      categories: [{ category: 'grocery', amountMinor }],
      occurredAt: clock.now().toISOString(),
    };
    return toKafkaMessage({ ...svc.app.get(EventFactory).create('purchase.returned.v1', payload), source: 'points' });
  };
  /** Produce, then wait until the consumer has handled that many more messages. */
  const handled = async (topic: string, messages: ReturnType<typeof purchase>[]) => {
    const target = svc.consumer.stats.handled + messages.length;
    await produceRaw(topic, messages);
    await waitUntil(() => svc.consumer.stats.handled >= target, 20000, `${messages.length} ${topic} handled`);
  };

  const breakdown = () => {
    const counts = new Map<string, number>();
    for (const r of seen) counts.set(`${r.name} ${r.collection}`, (counts.get(`${r.name} ${r.collection}`) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  };
  const within = (what: string, value: number, max: number) => {
    if (process.env.PRINT_COMMAND_BUDGET === '1') process.stdout.write(`${what}: ${value} (${breakdown()})\n`);
    if (value > max) throw new Error(`${what}: ${value} > ${max} (${breakdown()})`);
  };

  /** Marking settled rows and emptying the member's guard list: 2 commands once every 32 counted rows (see TierQualificationService). */
  const isSettle = (r: { name: string; collection: string }) => r.name === 'update';

  it('a purchase that changes no tier costs at most 3 commands however long the history (plus 2 per 32 for settling); a return 4', async () => {
    const memberId = await enrol();
    const first = `first-${memberId}`;
    await handled('purchase.recorded.v1', [purchase(memberId, 100, first)]); // caches warm, history starts

    const events = 64;
    for (const batch of [1, 2]) {
      seen.length = 0;
      await handled(
        'purchase.recorded.v1',
        Array.from({ length: events }, () => purchase(memberId, 100)),
      );
      within(`commands per purchase event, batch ${batch}`, seen.filter((r) => !isSettle(r)).length / events, 3);
      within(`settle commands per purchase event, batch ${batch}`, seen.filter(isSettle).length / events, (2 * (Math.ceil(events / 32) + 1)) / events);
    }

    seen.length = 0;
    await handled('purchase.returned.v1', [returned(memberId, first, 50)]);
    within('commands per return event', seen.length, 4);

    // A redelivered event is answered from the row and the guard list.
    seen.length = 0;
    await handled('purchase.recorded.v1', [purchase(memberId, 100, first)]);
    within('commands per redelivered purchase event', seen.length, 3);
  });
});
