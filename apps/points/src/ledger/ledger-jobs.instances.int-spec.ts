import { ManualClock } from '@app/common';
import { startTestService, testActors, type RunningTestService } from '@app/testing';
import { pointsService } from '../points.service-descriptor';
import { PointsEnv } from '../config/points.env';
import { call, enrol, saleBody, startPoints, type PointsHarness } from '../testing/points-test-kit';
import { LEDGER_ENTRY_MODEL } from './ledger.schema';

/**
 * Two instances of the points service on one database run the scheduled jobs at the same moment:
 * each pending lot is released once and each expiry happens once (ledger entries keyed by lot and
 * by expiry, conditional updates on the lots), so the balance equals the ledger.
 */
describe('points jobs across two instances (real Kafka + database)', () => {
  let first: PointsHarness;
  let second: RunningTestService;
  const secondClock = new ManualClock('2026-03-01T12:00:00.000Z');
  const admin = testActors.admin();
  const pos = testActors.pos('store-1');
  type BalanceBody = { available: number; pending: number };

  const setBoth = (iso: string) => {
    first.clock.set(iso);
    secondClock.set(iso);
  };
  const runJobsOnBoth = () => Promise.all([call(first.svc, admin, 'POST', '/v1/points/jobs/run'), call(second, admin, 'POST', '/v1/points/jobs/run')]);
  const entries = (memberId: string, type: string) => first.svc.connection.model(LEDGER_ENTRY_MODEL).countDocuments({ memberId, type });

  beforeAll(async () => {
    first = await startPoints('2026-03-01T12:00:00.000Z');
    const env = first.svc.app.get(PointsEnv);
    second = await startTestService(pointsService, env, { clock: secondClock });
  });

  afterAll(async () => {
    await second?.close({ keepDatabase: true });
    await first?.close();
  });

  it('releases each pending lot once and expires each lot once when both instances run the jobs together', async () => {
    setBoth('2026-03-01T12:00:00.000Z');
    const memberId = await enrol(first.svc);
    for (const price of [1000, 2000, 3000, 4000, 5000]) {
      const sale = await call(
        first.svc,
        pos,
        'POST',
        '/v1/pos/transactions',
        saleBody({
          member: { memberId },
          occurredAt: first.clock.now().toISOString(),
          lines: [{ sku: 'S', category: 'home', quantity: 1, unitPriceMinor: price }],
          totalMinor: price,
        }),
      );
      expect(sale.status).toBe(201);
    }

    setBoth('2026-03-16T12:00:00.000Z');
    await runJobsOnBoth();
    expect(await entries(memberId, 'release')).toBe(5);
    expect((await call<BalanceBody>(second, admin, 'GET', `/v1/members/${memberId}/points/balance`)).body).toMatchObject({ available: 150, pending: 0 });

    setBoth('2027-03-02T12:00:00.000Z');
    await runJobsOnBoth();
    await runJobsOnBoth();
    expect(await entries(memberId, 'expire')).toBe(1);
    expect((await call<BalanceBody>(first.svc, admin, 'GET', `/v1/members/${memberId}/points/balance`)).body).toMatchObject({ available: 0, pending: 0 });
    const reconciliation = await call<{ membersChecked: number; drifted: number }>(first.svc, admin, 'GET', `/v1/points/reconciliation?memberId=${memberId}`);
    expect(reconciliation.body).toMatchObject({ membersChecked: 1, drifted: 0 });
  });
});
