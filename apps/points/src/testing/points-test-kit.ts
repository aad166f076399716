import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventFactory, ManualClock, toKafkaMessage, type Actor } from '@app/common';
import type { EventName, PayloadOf } from '@app/contracts';
import { asActor, produceRaw, requestJson, startTestService, testEnv, uniqueSuffix, waitUntil, type RunningTestService } from '@app/testing';
import { PointsEnv } from '../config/points.env';
import { pointsService } from '../points.service-descriptor';
import { MEMBER_REF_MODEL } from '../members/member-ref.schema';

/**
 * A stand-in for the members service's resolve endpoint (another service's HTTP API): answers
 * `{ memberId, tier }` for the card numbers and phones it was given, 404 otherwise, and records
 * the headers it received.
 */
export class MembersResolveStub {
  readonly known = new Map<string, { memberId: string; tier: string }>();
  readonly calls: Array<{ query: string; headers: IncomingMessage['headers'] }> = [];
  /** Identifiers answered with a 500 (members failing for them). */
  readonly failing = new Set<string>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      this.calls.push({ query: url.search, headers: req.headers });
      const key = url.searchParams.get('cardNumber') ?? url.searchParams.get('phone') ?? url.searchParams.get('memberId') ?? '';
      if (key === 'FAIL500' || this.failing.has(key)) {
        res.statusCode = 500;
        res.end('{}');
        return;
      }
      const found = url.pathname === '/v1/members/resolve' ? this.known.get(key) : undefined;
      res.statusCode = found ? 200 : 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(found ?? { code: 'MEMBERS.NOT_FOUND' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface PointsHarness {
  svc: RunningTestService;
  clock: ManualClock;
  stub: MembersResolveStub;
  close(): Promise<void>;
}

export const DAY = 86_400_000;

export async function startPoints(start = '2026-03-01T12:00:00.000Z', overrides: Record<string, string> = {}): Promise<PointsHarness> {
  const stub = await new MembersResolveStub().start();
  const clock = new ManualClock(start);
  const env = testEnv(PointsEnv, 'points', { MEMBERS_URL: stub.url, POINTS_JOB_INTERVAL_MS: '0', ...overrides });
  const svc = await startTestService(pointsService, env, { clock });
  return {
    svc,
    clock,
    stub,
    async close() {
      await svc.close();
      await stub.stop();
    },
  };
}

/** Publish an event on the real broker as another service would. */
export async function publish<N extends EventName>(svc: RunningTestService, name: N, payload: PayloadOf<N>): Promise<string> {
  const event = svc.app.get(EventFactory).create(name, payload);
  await produceRaw(event.type + '.v' + event.version, [toKafkaMessage(event)]);
  return event.id;
}

/** Enrol a member through member.enrolled.v1 and wait until the points service knows it. */
export async function enrol(svc: RunningTestService, memberId = `m-${uniqueSuffix()}`, tier = 'regular'): Promise<string> {
  await publish(svc, 'member.enrolled.v1', {
    memberId,
    channel: 'store',
    memberClass: 'regular',
    tier,
    preferredStoreId: 'store-1',
    enrolledAt: '2026-01-01T00:00:00.000Z',
  });
  await waitUntil(() => svc.connection.model(MEMBER_REF_MODEL).exists({ _id: memberId }), 30000, `member ${memberId} projected`);
  return memberId;
}

type SaleLine = { quantity: number; unitPriceMinor: number; discountMinor?: number };

/**
 * A consistent sale (total = its lines, tender = its total) unless a test overrides one of them on
 * purpose: given only `lines`, the total follows them; given only `totalMinor`, one line carries it.
 */
export function saleBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  const given = typeof over.totalMinor === 'number' ? over.totalMinor : undefined;
  const lines = (over.lines as SaleLine[] | undefined) ?? [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: given ?? 2500, discountMinor: 0 }];
  const linesMinor = Array.isArray(lines) ? lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor - (l.discountMinor ?? 0), 0) : 0;
  const totalMinor = over.totalMinor ?? linesMinor;
  return {
    storeId: 'store-1',
    terminalId: 'till-1',
    transactionId: `T-${uniqueSuffix()}`,
    member: { memberId: 'unknown' },
    occurredAt: '2026-03-01T11:00:00.000Z',
    currency: 'CNY',
    lines,
    totalMinor,
    tender: [{ type: 'card', amountMinor: totalMinor }],
    ...over,
  };
}

export const call = <T = Record<string, unknown>>(svc: RunningTestService, actor: Actor, method: string, path: string, body?: unknown) =>
  requestJson<T>(`${svc.url}${path}`, { method, headers: asActor(actor), body });
