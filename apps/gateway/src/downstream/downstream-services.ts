import type { ReadinessCheck } from '@app/common';
import type { GatewayEnv } from '../config/gateway.env';

export const DOWNSTREAM_SERVICES = ['members', 'points', 'segments', 'feedback', 'messaging'] as const;
export type DownstreamService = (typeof DOWNSTREAM_SERVICES)[number];

export function downstreamUrls(env: GatewayEnv): Record<DownstreamService, string> {
  return { members: env.MEMBERS_URL, points: env.POINTS_URL, segments: env.SEGMENTS_URL, feedback: env.FEEDBACK_URL, messaging: env.MESSAGING_URL };
}

/** The gateway is ready when every service it routes to reports ready. */
export function downstreamReadinessChecks(env: GatewayEnv): ReadinessCheck[] {
  return Object.entries(downstreamUrls(env)).map(([name, base]) => ({
    name,
    async check() {
      const res = await fetch(new URL('/health/ready', base), { signal: AbortSignal.timeout(1500) });
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
    },
  }));
}
