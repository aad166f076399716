import { InstancePool, parseInstanceUrls, type ReadinessCheck } from '@app/common';
import type { GatewayEnv } from '../config/gateway.env';

export const DOWNSTREAM_SERVICES = ['members', 'points', 'segments', 'feedback', 'messaging'] as const;
export type DownstreamService = (typeof DOWNSTREAM_SERVICES)[number];

/** The first instance of each service (enough for what is the same on every instance: its OpenAPI document). */
export function downstreamUrls(env: GatewayEnv): Record<DownstreamService, string> {
  const pools = downstreamInstanceUrls(env);
  return { members: pools.members[0], points: pools.points[0], segments: pools.segments[0], feedback: pools.feedback[0], messaging: pools.messaging[0] };
}

/** Every instance of each service (the *_URL variables are comma-separated lists). */
export function downstreamInstanceUrls(env: GatewayEnv): Record<DownstreamService, string[]> {
  return {
    members: parseInstanceUrls(env.MEMBERS_URL),
    points: parseInstanceUrls(env.POINTS_URL),
    segments: parseInstanceUrls(env.SEGMENTS_URL),
    feedback: parseInstanceUrls(env.FEEDBACK_URL),
    messaging: parseInstanceUrls(env.MESSAGING_URL),
  };
}

/** One instance pool per service, probed every DOWNSTREAM_PROBE_MS when it has several instances. */
export function downstreamPools(env: GatewayEnv): Record<DownstreamService, InstancePool> {
  const urls = downstreamInstanceUrls(env);
  const pool = (service: DownstreamService) => new InstancePool(service, urls[service], { probeIntervalMs: env.DOWNSTREAM_PROBE_MS, probeTimeoutMs: 1000 });
  return { members: pool('members'), points: pool('points'), segments: pool('segments'), feedback: pool('feedback'), messaging: pool('messaging') };
}

/** The gateway is ready when every service it routes to has at least one ready instance. */
export function downstreamReadinessChecks(env: GatewayEnv): ReadinessCheck[] {
  return Object.entries(downstreamInstanceUrls(env)).map(([name, bases]) => ({
    name,
    async check() {
      const answers = await Promise.all(
        bases.map(async (base) => {
          try {
            const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(1500) });
            await res.arrayBuffer();
            return res.status;
          } catch {
            return 0;
          }
        }),
      );
      if (!answers.includes(200)) throw new Error(`${name} answered ${answers.map((s) => (s === 0 ? 'nothing' : String(s))).join(', ')}`);
    },
  }));
}
