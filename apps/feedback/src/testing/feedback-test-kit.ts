import { EventFactory, INTERNAL_TOKEN_HEADER, ManualClock, toKafkaMessage, type Actor } from '@app/common';
import type { EventName, PayloadOf } from '@app/contracts';
import { asActor, produceRaw, requestJson, startTestService, TEST_INTERNAL_TOKEN, testEnv, type RunningTestService } from '@app/testing';
import { FeedbackEnv } from '../config/feedback.env';
import { feedbackService } from '../feedback.service-descriptor';

/** Variables the feedback service requires, for tests only. */
export const FEEDBACK_TEST_ENV: Record<string, string> = {
  FEEDBACK_SLA_INTERVAL_MS: '0',
  FEEDBACK_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
  FEEDBACK_ACTIVE_KEY_ID: 'k1',
  FEEDBACK_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
};

export interface FeedbackHarness {
  svc: RunningTestService;
  /** A second instance on the same database and consumer group (races of the scheduler). */
  second: RunningTestService;
  clock: ManualClock;
  env: FeedbackEnv;
  close(): Promise<void>;
}

export async function startFeedback(start = '2026-03-02T08:00:00.000Z', overrides: Record<string, string> = {}): Promise<FeedbackHarness> {
  const clock = new ManualClock(start);
  const env = testEnv(FeedbackEnv, 'feedback', { ...FEEDBACK_TEST_ENV, ...overrides });
  const svc = await startTestService(feedbackService, env, { clock });
  const second = await startTestService(feedbackService, env, { clock, consume: false });
  return {
    svc,
    second,
    clock,
    env,
    async close() {
      await second.close({ keepDatabase: true });
      await svc.close();
    },
  };
}

export function call<T = Record<string, unknown>>(svc: RunningTestService, actor: Actor | null, method: string, path: string, body?: unknown) {
  // No actor: a public route the gateway forwards without a caller (the survey token).
  const headers = actor ? asActor(actor) : { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: TEST_INTERNAL_TOKEN };
  return requestJson<T>(`${svc.url}${path}`, { method, headers, body });
}

/** Publish an event on the real broker as another service would. */
export async function publish<N extends EventName>(svc: RunningTestService, name: N, payload: PayloadOf<N>): Promise<string> {
  const event = svc.app.get(EventFactory).create(name, payload);
  await produceRaw(`${event.type}.v${event.version}`, [toKafkaMessage(event)]);
  return event.id;
}

export const staff = {
  agent: (id = 'stf-agent-1'): Actor => ({ id, role: 'service_agent', storeIds: [] }),
  supervisor: (): Actor => ({ id: 'stf-sup-1', role: 'service_supervisor', storeIds: [] }),
  manager: (storeId: string): Actor => ({ id: `stf-mgr-${storeId}`, role: 'store_manager', storeIds: [storeId] }),
  auditor: (): Actor => ({ id: 'stf-aud-1', role: 'auditor', storeIds: [] }),
  admin: (): Actor => ({ id: 'stf-admin', role: 'admin', storeIds: [] }),
  customer: (memberId: string): Actor => ({ id: memberId, role: 'customer', storeIds: [], memberId }),
};

export function complaint(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    subtype: 'complaint',
    category: 'service_attitude',
    severity: 'normal',
    channel: 'phone',
    storeId: 'store-1',
    description: '收银员态度很差，优惠券不能用',
    ...o,
  };
}
