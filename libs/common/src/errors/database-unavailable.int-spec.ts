import { BaseEnv, DATABASE_UNAVAILABLE } from '@app/common';
import { startTestService, TEST_INTERNAL_TOKEN, testEnv, type RunningTestService } from '@app/testing';
import { backboneTestService } from '@app/testing/fixtures/backbone/counter.fixture';

const headers = { 'x-internal-token': TEST_INTERNAL_TOKEN, 'content-type': 'application/json', 'x-correlation-id': 'corr-db-down-1' };

/** A real service whose database goes away while it runs (real Kafka + database, then none). */
describe('database unreachable (real service)', () => {
  let svc: RunningTestService;

  beforeAll(async () => {
    svc = await startTestService(backboneTestService, testEnv(BaseEnv, 'dbdown', { HTTP_RETRY_AFTER_SECONDS: '2' }));
  });
  afterAll(async () => {
    await svc?.app.close();
  });

  it('answers a write with 503 PLATFORM.DATABASE_UNAVAILABLE and Retry-After, not 500 INTERNAL', async () => {
    const bump = () => fetch(`${svc.url}/test-counters/c-1/bump`, { method: 'POST', headers, body: JSON.stringify({ amount: 1 }) });
    expect((await bump()).status).toBe(201);
    // The database drops away under the running service (its client is closed, as on a lost server).
    await svc.connection.dropDatabase();
    await svc.connection.getClient().close(true);

    const refused = await bump();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 503, code: DATABASE_UNAVAILABLE, correlationId: 'corr-db-down-1', instance: '/test-counters/c-1/bump' });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|27317|Mongo/);
  });
});
