import type { CommandStartedEvent } from 'mongodb';
import { OutboxRelay } from '@app/common';
import { testActors, waitUntil } from '@app/testing';
import { InflightClearer } from '../ledger/inflight-clearer';
import { call, enrol, saleBody, startPoints, type PointsHarness } from '../testing/points-test-kit';

/**
 * How many database round trips a POS sale costs, counted from the driver's command events
 * (deterministic, unlike timings). The till's hot path is bounded by round trips on a 2-core
 * machine, so a change that adds one shows here first. The outbox relay's work for the sale's
 * events is included: it is part of what a sale costs.
 */
describe('points: database round trips per POS sale (real database)', () => {
  let h: PointsHarness;
  const seen: Array<{ name: string; collection: string }> = [];
  const onCommand = (e: CommandStartedEvent) => {
    const target = (e.command as Record<string, unknown>)[e.commandName];
    const collection = typeof target === 'string' ? target : '';
    seen.push({ name: e.commandName, collection });
  };

  beforeAll(async () => {
    process.env.MONGO_MONITOR_COMMANDS = '1';
    // A long safety-net scan interval: the scan is time-driven, not per sale.
    h = await startPoints('2026-03-01T12:00:00.000Z', { OUTBOX_SCAN_MS: '60000' });
    delete process.env.MONGO_MONITOR_COMMANDS;
    h.svc.connection.getClient().on('commandStarted', onCommand);
  });

  afterAll(async () => {
    h?.svc.connection.getClient().off('commandStarted', onCommand);
    await h?.close();
  });

  /** The sale's deferred work is done: its events published, its in-flight marks cleared. */
  const drained = async () => {
    const relay = h.svc.app.get(OutboxRelay);
    await waitUntil(async () => (await relay.backlog()) === 0, 20000, 'outbox drained');
    await h.svc.app.get(InflightClearer).flush();
  };

  const breakdown = (rows: typeof seen) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(`${r.name} ${r.collection}`, (counts.get(`${r.name} ${r.collection}`) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  };

  /** Fails naming what the commands were, so a regression says where it comes from. */
  const within = (what: string, value: number, max: number, detail: string) => {
    if (process.env.PRINT_COMMAND_BUDGET === '1') process.stdout.write(`${what}: ${value} (${detail})\n`);
    if (value > max) throw new Error(`${what}: ${value} > ${max} (${detail})`);
  };

  // 7 for the sale itself, +1 for the default per-member daily cap (this sale's share reserved by a
  // compare-and-set on the day as this instance last wrote it), +0.x for caches refreshed by time
  // (member projection, store basket).
  it('a new sale for a known member costs at most 8.5 database commands, its events and the daily cap included; a retry at most 3.5', async () => {
    const pos = testActors.pos('store-1');
    const memberId = await enrol(h.svc);
    expect((await call(h.svc, pos, 'POST', '/v1/pos/transactions', saleBody({ member: { memberId } }))).status).toBe(201); // warm caches
    await drained();

    const sales = 20;
    const bodies = Array.from({ length: sales }, () => saleBody({ member: { memberId } }));
    seen.length = 0;
    for (const body of bodies) expect((await call(h.svc, pos, 'POST', '/v1/pos/transactions', body)).status).toBe(201);
    await drained();
    // The backlog probe itself counts documents: leave its commands out.
    const perSale = seen.filter((r) => r.name !== 'count' && r.name !== 'aggregate').length / sales;
    within('commands per new sale', perSale, 8.5, breakdown(seen));

    seen.length = 0;
    for (const body of bodies.slice(0, 5)) expect((await call(h.svc, pos, 'POST', '/v1/pos/transactions', body)).status).toBe(200);
    const perRetry = seen.length / 5;
    within('commands per retry', perRetry, 3.5, breakdown(seen)); // 3 (+ time-driven cache refreshes)
  });
});
