import { createServer, type Server } from 'node:http';
import { EventFactory, INTERNAL_TOKEN_HEADER, ManualClock, toKafkaMessage, type Actor } from '@app/common';
import type { EventName, PayloadOf } from '@app/contracts';
import {
  asActor,
  produceRaw,
  requestJson,
  startTestService,
  TEST_INTERNAL_TOKEN,
  testEnv,
  testSmtpUrl,
  uniqueSuffix,
  waitUntil,
  type RunningTestService,
} from '@app/testing';
import { MessagingEnv } from '../config/messaging.env';
import type { MemberContact } from '../contacts/members.client';
import { DeliveryWorker } from '../deliveries/delivery-worker.service';
import { messagingService } from '../messaging.service-descriptor';

/**
 * A stand-in members service for messaging's integration tests: answers the internal contact
 * route from a map and records withdrawals (the e2e journeys use the real one).
 */
export class MembersStandIn {
  readonly contacts = new Map<string, MemberContact>();
  readonly withdrawals: string[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const contact = /^\/v1\/internal\/members\/([^/]+)\/contact$/.exec(req.url ?? '');
      const withdraw = /^\/v1\/internal\/members\/([^/]+)\/consents\/marketing\/withdrawal$/.exec(req.url ?? '');
      const id = decodeURIComponent((contact ?? withdraw)?.[1] ?? '');
      const known = this.contacts.get(id);
      res.setHeader('content-type', 'application/json');
      if (!known) return void res.writeHead(404).end(JSON.stringify({ code: 'MEMBERS.NOT_FOUND' }));
      if (contact && req.method === 'GET') return void res.end(JSON.stringify(known));
      if (withdraw && req.method === 'POST') {
        this.withdrawals.push(id);
        known.marketingConsent = false;
        return void res.end(JSON.stringify({ memberId: id, marketing: false, changed: true }));
      }
      res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  /** A member with a unique address; returns the member id and the address. */
  add(overrides: Partial<MemberContact> = {}): { memberId: string; email: string } {
    const memberId = overrides.memberId ?? `m-${uniqueSuffix()}`;
    const email = overrides.email ?? `${memberId}@inbox.test`;
    this.contacts.set(memberId, { memberId, status: 'active', name: '李雷', email, phone: null, tier: 'silver', marketingConsent: true, ...overrides });
    return { memberId, email };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface MessagingHarness {
  svc: RunningTestService;
  clock: ManualClock;
  members: MembersStandIn;
  /** Run delivery passes until `done` holds (the timer is off in these tests: time is the manual clock's). */
  deliverUntil<T>(done: () => Promise<T | null | undefined | false>, what: string): Promise<T>;
  close(): Promise<void>;
}

export const LINK_SECRET = 'test-messaging-link-secret-0123456789abcdef';

export async function startMessaging(start = '2026-03-02T04:00:00.000Z', overrides: Record<string, string> = {}): Promise<MessagingHarness> {
  const clock = new ManualClock(start);
  const members = await new MembersStandIn().start();
  const svc = await startTestService(
    messagingService,
    testEnv(MessagingEnv, 'messaging', {
      MEMBERS_URL: members.url,
      SMTP_URL: testSmtpUrl(),
      PUBLIC_BASE_URL: 'http://gateway.test',
      MESSAGING_LINK_SECRET: LINK_SECRET,
      MESSAGING_POLL_MS: '0',
      MESSAGING_RETRY_BASE_MS: '1000',
      MESSAGING_RETRY_MAX_MS: '60000',
      SMTP_TIMEOUT_MS: '3000',
      ...overrides,
    }),
    { clock },
  );
  const worker = svc.app.get(DeliveryWorker);
  return {
    svc,
    clock,
    members,
    deliverUntil: (done, what) =>
      waitUntil(
        async () => {
          await worker.runOnce();
          return done();
        },
        30000,
        what,
      ),
    async close() {
      await svc.close();
      await members.stop();
    },
  };
}

/** Publish an event on the real broker as another service would; returns its id. */
export async function publish<N extends EventName>(svc: RunningTestService, name: N, payload: PayloadOf<N>): Promise<string> {
  const event = svc.app.get(EventFactory).create(name, payload);
  await produceRaw(`${event.type}.v${event.version}`, [toKafkaMessage(event)]);
  return event.id;
}

export const marketing: Actor = { id: 'staff-marketing', role: 'marketing', storeIds: [] };

export const call = <T = Record<string, unknown>>(svc: RunningTestService, actor: Actor, method: string, path: string, body?: unknown) =>
  requestJson<T>(`${svc.url}${path}`, { method, headers: asActor(actor), body });

/** A call with the internal token and no actor (a public route reached through the gateway anonymously). */
export const callAnonymous = (svc: RunningTestService, method: string, path: string) =>
  fetch(`${svc.url}${path}`, { method, headers: { [INTERNAL_TOKEN_HEADER]: TEST_INTERNAL_TOKEN } });

/** Another service calling with the internal token and a JSON body. */
export const callAnonymousJson = (svc: RunningTestService, method: string, path: string, body?: unknown) =>
  fetch(`${svc.url}${path}`, {
    method,
    headers: { [INTERNAL_TOKEN_HEADER]: TEST_INTERNAL_TOKEN, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
