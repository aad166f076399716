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
  call<T = Record<string, unknown>>(method: string, path: string, init?: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: T }>;
  close(): Promise<void>;
}

/**
 * The whole platform, every service real (HTTP + Kafka consumer + its own test database),
 * wired as in production: only the gateway is called; services talk through Kafka.
 * `clocks` injects a ManualClock into services whose time a journey moves.
 */
export async function startPlatform(options: { clocks?: Partial<Record<'members' | 'points', Clock>> } = {}): Promise<Platform> {
  const members = await startTestService(membersService, testEnv(MembersEnv, 'members', serviceTestEnv.members), { clock: options.clocks?.members });
  const points = await startTestService(pointsService, testEnv(PointsEnv, 'points', { ...serviceTestEnv.points, MEMBERS_URL: members.url }), { clock: options.clocks?.points });
  const segments = await startTestService(segmentsService, testEnv(SegmentsEnv, 'segments', serviceTestEnv.segments));
  const feedback = await startTestService(feedbackService, testEnv(FeedbackEnv, 'feedback', serviceTestEnv.feedback));
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

/** The bootstrap admin's token. */
export async function adminToken(p: Platform): Promise<string> {
  const res = await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN });
  if (res.status !== 200) throw new Error(`admin sign-in answered ${res.status}`);
  return res.body.accessToken;
}

/** Create a store and issue a POS key for it; returns the key. */
export async function openStore(p: Platform, admin: string, storeId: string): Promise<string> {
  if ((await p.call('POST', '/v1/stores', { token: admin, body: { storeId, name: storeId } })).status !== 201) throw new Error(`could not create store ${storeId}`);
  return (await p.call<{ apiKey: string }>('POST', `/v1/stores/${storeId}/api-keys`, { token: admin, body: { label: 'till 1' } })).body.apiKey;
}

/** A new staff user with `role`, signed in; returns the token. */
export async function staffToken(p: Platform, admin: string, role: string): Promise<string> {
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@e2e.test`;
  const password = `${role}-password-0123`;
  if ((await p.call('POST', '/v1/staff', { token: admin, body: { email, displayName: role, password, role } })).status !== 201) throw new Error(`could not create a ${role} user`);
  return (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: { email, password } })).body.accessToken;
}
