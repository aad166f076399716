import { BaseEnv, OVERLOADED_CODE } from '@app/common';
import { startTestService, TEST_INTERNAL_TOKEN, testEnv, waitUntil, type RunningTestService } from '@app/testing';
import { backboneTestService } from '@app/testing/fixtures/backbone/counter.fixture';
import { HeldGate, heldTestService } from '@app/testing/fixtures/overload/held.fixture';

const internal = { 'x-internal-token': TEST_INTERNAL_TOKEN };

async function metricValue(url: string, line: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

/** Overload shedding and readiness of a real service (HTTP + broker + database). */
describe('overload and readiness (real Kafka + database)', () => {
  describe('bounded in-flight requests', () => {
    let svc: RunningTestService;

    beforeAll(async () => {
      svc = await startTestService(heldTestService, testEnv(BaseEnv, 'held', { HTTP_MAX_IN_FLIGHT: '2', HTTP_RETRY_AFTER_SECONDS: '3' }));
    });
    afterAll(async () => {
      svc?.app.get(HeldGate).releaseAll();
      await svc?.close();
    });

    it('answers the request beyond the bound at once with 503, Retry-After and PLATFORM.OVERLOADED, and serves again once work drains', async () => {
      const first = fetch(`${svc.url}/held`, { headers: internal });
      const second = fetch(`${svc.url}/held`, { headers: internal });
      await waitUntil(async () => (await metricValue(svc.url, 'http_requests_in_flight')) === 2, 10000, 'two requests in flight');

      const refused = await fetch(`${svc.url}/held`, { headers: { ...internal, 'x-correlation-id': 'corr-overload-1' } });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('3');
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(await refused.json()).toMatchObject({ status: 503, code: OVERLOADED_CODE, correlationId: 'corr-overload-1', instance: '/held' });
      // Probes are never shed: the instance is busy, not broken.
      expect((await fetch(`${svc.url}/health`)).status).toBe(200);
      expect(await metricValue(svc.url, 'http_requests_shed_total')).toBe(1);

      svc.app.get(HeldGate).releaseAll();
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      await waitUntil(async () => (await metricValue(svc.url, 'http_requests_in_flight')) === 0, 10000, 'work drained');
      const next = fetch(`${svc.url}/held`, { headers: internal });
      await waitUntil(async () => (await metricValue(svc.url, 'http_requests_in_flight')) === 1, 10000, 'next request admitted');
      svc.app.get(HeldGate).releaseAll();
      expect((await next).status).toBe(200);
    });
  });

  describe('readiness', () => {
    let svc: RunningTestService;

    beforeAll(async () => {
      svc = await startTestService(backboneTestService, testEnv(BaseEnv, 'ready'), { consume: false });
    });
    afterAll(async () => {
      await svc?.close();
    });

    it('is not ready until the consumer has joined its group, then ready with the database, broker and warm-up up', async () => {
      const before = await fetch(`${svc.url}/health/ready`);
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({
        status: 'not_ready',
        checks: { consumer: { status: 'down', error: 'consumer has not joined its group yet' } },
      });
      // Alive all the same: liveness must not restart a starting instance.
      expect((await fetch(`${svc.url}/health`)).status).toBe(200);

      await svc.app.startAllMicroservices();
      const report = await waitUntil(
        async () => {
          const res = await fetch(`${svc.url}/health/ready`);
          return res.status === 200 && ((await res.json()) as Record<string, unknown>);
        },
        30000,
        'ready',
      );
      expect(report).toMatchObject({
        status: 'ready',
        checks: { database: { status: 'up' }, broker: { status: 'up' }, consumer: { status: 'up' }, 'warm-up': { status: 'up' } },
      });
    });
  });
});
