import { randomBytes } from 'node:crypto';
import type { Clock } from '@app/common';
import { requestJson, startTestService, testEnv, type RunningTestService } from '@app/testing';
import { membersService } from '../../apps/members/src/members.service-descriptor';
import { MembersEnv } from '../../apps/members/src/config/members.env';
import { pointsService } from '../../apps/points/src/points.service-descriptor';
import { PointsEnv } from '../../apps/points/src/config/points.env';
import { segmentsService } from '../../apps/segments/src/segments.service-descriptor';
import { SegmentsEnv } from '../../apps/segments/src/config/segments.env';
import { feedbackService } from '../../apps/feedback/src/feedback.service-descriptor';
import { FeedbackEnv } from '../../apps/feedback/src/config/feedback.env';
import { messagingService } from '../../apps/messaging/src/messaging.service-descriptor';
import { MessagingEnv } from '../../apps/messaging/src/config/messaging.env';
import { gatewayService } from '../../apps/gateway/src/gateway.service-descriptor';
import { GatewayEnv } from '../../apps/gateway/src/config/gateway.env';
import { serviceTestEnv } from './service-test-env';

export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-0123' };

export interface Platform {
  services: Record<'members' | 'points' | 'segments' | 'feedback' | 'messaging' | 'gateway', RunningTestService>;
  gatewayUrl: string;
  /** A JSON call through the gateway as a client would make it. */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    init?: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: T }>;
  close(): Promise<void>;
}

/**
 * The whole platform, every service real (HTTP + Kafka consumer + its own test database),
 * wired as in production: only the gateway is called; services talk through Kafka.
 * `clocks` injects a ManualClock into services whose time a journey moves; `gatewayEnv` adds
 * gateway settings (the console's directory).
 */
export async function startPlatform(
  options: { clocks?: Partial<Record<'members' | 'points' | 'segments' | 'feedback', Clock>>; gatewayEnv?: Record<string, string> } = {},
): Promise<Platform> {
  const members = await startTestService(membersService, testEnv(MembersEnv, 'members', serviceTestEnv.members), { clock: options.clocks?.members });
  const points = await startTestService(pointsService, testEnv(PointsEnv, 'points', { ...serviceTestEnv.points, MEMBERS_URL: members.url }), {
    clock: options.clocks?.points,
  });
  const segments = await startTestService(segmentsService, testEnv(SegmentsEnv, 'segments', serviceTestEnv.segments), { clock: options.clocks?.segments });
  const feedback = await startTestService(feedbackService, testEnv(FeedbackEnv, 'feedback', serviceTestEnv.feedback), { clock: options.clocks?.feedback });
  const messaging = await startTestService(messagingService, testEnv(MessagingEnv, 'messaging', { ...serviceTestEnv.messaging, MEMBERS_URL: members.url }));
  const gateway = await startTestService(
    gatewayService,
    testEnv(GatewayEnv, 'gateway', {
      ...serviceTestEnv.gateway,
      BOOTSTRAP_ADMIN_EMAIL: E2E_ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: E2E_ADMIN.password,
      MEMBERS_URL: members.url,
      POINTS_URL: points.url,
      SEGMENTS_URL: segments.url,
      FEEDBACK_URL: feedback.url,
      MESSAGING_URL: messaging.url,
      ...options.gatewayEnv,
    }),
  );
  const services = { members, points, segments, feedback, messaging, gateway };
  return {
    services,
    gatewayUrl: gateway.url,
    call: (method, path, init = {}) =>
      requestJson(`${gateway.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.apiKey ? { 'x-api-key': init.apiKey } : {}),
          ...(init.headers ?? {}),
        },
        body: init.body,
      }),
    async close() {
      for (const svc of [gateway, messaging, feedback, segments, points, members]) await svc.close();
    },
  };
}

// ---- journey set-up through the gateway (a store with a POS key, staff, members)

export const adminToken = async (p: Platform): Promise<string> =>
  (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN })).body.accessToken;

/** Create a store and a POS key for it; returns the key. */
export async function openStore(p: Platform, admin: string, storeId: string): Promise<string> {
  const created = await p.call('POST', '/v1/stores', { token: admin, body: { storeId, name: storeId } });
  if (created.status !== 201) throw new Error(`store ${storeId}: ${created.status}`);
  return (await p.call<{ apiKey: string }>('POST', `/v1/stores/${storeId}/api-keys`, { token: admin, body: { label: 'till 1' } })).body.apiKey;
}

/** A new staff user of a role (store managers bound to `storeIds`), signed in: their token. */
export async function staffToken(p: Platform, admin: string, role: string, storeIds: string[] = []): Promise<string> {
  const email = `${role}-${randomBytes(4).toString('hex')}@e2e.test`;
  const body = { email, displayName: role, password: 'staff-password-0123', role, ...(storeIds.length ? { storeIds } : {}) };
  const created = await p.call('POST', '/v1/staff', { token: admin, body });
  if (created.status !== 201) throw new Error(`staff ${role}: ${created.status}`);
  return (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email, password: body.password } })).body.accessToken;
}

/** Enrol a member at the till of a store (consent to analytics, not marketing); their member id. */
export async function enrolAtTill(p: Platform, posKey: string, storeId: string): Promise<string> {
  const enrolled = await p.call<{ memberId: string }>('POST', '/v1/members', {
    apiKey: posKey,
    body: {
      channel: 'store',
      name: 'Zhang Wei',
      phone: `+86137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      preferredStoreId: storeId,
      memberClass: 'regular',
      consents: { marketing: { granted: false, policyVersion: 'privacy-2026-01' }, analytics: { granted: true, policyVersion: 'privacy-2026-01' } },
    },
  });
  if (enrolled.status !== 201) throw new Error(`enrolment: ${enrolled.status}`);
  return enrolled.body.memberId;
}

/** A customer token for an enrolled member (demo tokens are on in tests). */
export const customerToken = async (p: Platform, memberId: string): Promise<string> =>
  (await p.call<{ accessToken: string }>('POST', '/v1/auth/customer/demo-token', { body: { memberId } })).body.accessToken;
