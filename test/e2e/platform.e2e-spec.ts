import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { requestJson, TEST_INTERNAL_TOKEN, type RunningTestService } from '@app/testing';
import { startPlatform, type Platform } from './platform-harness';

const ROOT = join(__dirname, '../..');

/** The six services come up against the real broker and database and report ready. */
describe('platform: all services up, healthy, documented, internal-only', () => {
  let platform: Platform;
  const running: Record<string, RunningTestService> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    Object.assign(running, platform.services);
  });

  afterAll(async () => {
    for (const svc of Object.values(running).reverse()) await svc.close();
  });

  it.each(['members', 'points', 'segments', 'feedback', 'messaging', 'gateway'])(
    '%s: liveness, readiness (database + broker) and its OpenAPI document',
    async (name) => {
      const svc = running[name];
      expect((await requestJson(`${svc.url}/health`)).body).toEqual({ status: 'ok' });
      const ready = await requestJson<{ status: string; checks: Record<string, { status: string }> }>(`${svc.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.checks.database?.status).toBe('up');
      expect(ready.body.checks.broker?.status).toBe('up');
      const doc = await requestJson<{ openapi: string; paths: Record<string, unknown> }>(`${svc.url}/docs-json`);
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    },
  );

  it('every service exposes Prometheus metrics: requests, consumer outcomes and lag, outbox backlog', async () => {
    const svc = running.points;
    await requestJson(`${svc.url}/health`);
    const res = await fetch(`${svc.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/outbox_backlog \d+/);
    expect(text).toContain('# TYPE kafka_consumer_lag gauge');
    expect(text).toContain('# TYPE consumer_messages_total gauge');
  });

  it('the gateway is ready only with every service ready, and says which one is down', async () => {
    const ready = await requestJson<{ checks: Record<string, { status: string }> }>(`${running.gateway.url}/health/ready`);
    expect(Object.keys(ready.body.checks)).toEqual(expect.arrayContaining(['members', 'points', 'segments', 'feedback', 'messaging']));
    await running.feedback.close();
    const degraded = await requestJson<{ status: string; checks: Record<string, { status: string }> }>(`${running.gateway.url}/health/ready`);
    expect(degraded.status).toBe(503);
    expect(degraded.body.checks.feedback?.status).toBe('down');
    expect(degraded.body.checks.members?.status).toBe('up');
    delete running.feedback;
  });

  it('services refuse calls that do not come through the gateway (no internal token)', async () => {
    const res = await requestJson<{ code: string }>(`${running.points.url}/v1/anything`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AUTH.INTERNAL_ONLY');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('errors are problem+json with a stable code and the correlation id, never an HTML page', async () => {
    const headers = { 'content-type': 'application/json', 'x-internal-token': TEST_INTERNAL_TOKEN, 'x-correlation-id': 'corr-e2e-errors-1' };
    const notFound = await requestJson<{ code: string; correlationId: string; status: number }>(`${running.segments.url}/v1/no-such-route`, { headers });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({ status: 404, correlationId: 'corr-e2e-errors-1' });
    const malformed = await requestJson<{ code: string }>(`${running.segments.url}/v1/no-such-route`, { headers, method: 'POST', body: '{"broken": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_BODY');
  });

  it('a service with a bad environment refuses to start and names the variable', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/points/src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, SWC_NODE_PROJECT: 'tsconfig.json', PORT: '0', KAFKA_BROKERS: 'not a broker list', INTERNAL_TOKEN: TEST_INTERNAL_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('MONGO_URL');
    expect(output).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
  });
});
