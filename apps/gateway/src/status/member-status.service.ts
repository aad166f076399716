import { Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import type { DownstreamService } from '../downstream/downstream-services';
import { DownstreamClient, serviceUnavailable } from '../proxy/downstream.client';
import { parseJsonBody as parse, relayProblem } from '../proxy/relay-problem';

export interface MemberStatus {
  memberId: string;
  /** members: tier, benefits, progress to the next tier, review date (null when unavailable). */
  membership: unknown;
  /** points: available, pending, expiring within 30 days (null when unavailable). */
  points: unknown;
  /** points: the member's coupons (null when unavailable). */
  coupons: unknown;
  /** True when at least one part could not be fetched in time. */
  partial: boolean;
  unavailable: DownstreamService[];
}

type Part = { ok: true; body: unknown } | { ok: false; service: DownstreamService } | { ok: false; problem: { status: number; body: unknown } };

/**
 * One view of a member's status from members and points, fetched in parallel, each call bounded
 * by AGGREGATE_TIMEOUT_MS with no retry. A slow, dead or failing service leaves its part null and
 * the answer is marked partial; a refusal (403/404) from members, or a 403 from points, is the answer.
 */
@Injectable()
export class MemberStatusService {
  constructor(
    private readonly downstream: DownstreamClient,
    private readonly env: GatewayEnv,
  ) {}

  /** The calling customer's own status. */
  ownStatus(actor: Actor): Promise<MemberStatus> {
    if (!actor.memberId) throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Only customers have their own membership status');
    return this.status(actor.memberId, actor);
  }

  async status(memberId: string, actor: Actor): Promise<MemberStatus> {
    const id = encodeURIComponent(memberId);
    const [membership, points, coupons] = await Promise.all([
      this.fetch('members', `/v1/members/${id}/tier-status`, actor),
      this.fetch('points', `/v1/members/${id}/points/balance`, actor),
      this.fetch('points', `/v1/members/${id}/coupons`, actor),
    ]);
    // members decides whether the member exists and may be seen: its refusal is the answer.
    if (!membership.ok && 'problem' in membership) throw relayProblem(membership.problem.status, membership.problem.body);
    for (const part of [points, coupons]) if (!part.ok && 'problem' in part && part.problem.status === 403) throw relayProblem(403, part.problem.body);
    // Any other failure of a points part leaves that part out.
    const failed = (p: Part, service: DownstreamService): DownstreamService[] => (p.ok ? [] : [service]);
    const unavailable = [...new Set([...failed(membership, 'members'), ...failed(points, 'points'), ...failed(coupons, 'points')])];
    if (unavailable.length === 2) throw serviceUnavailable(unavailable.join(' and '), 'no answer');

    return {
      memberId,
      membership: membership.ok ? membership.body : null,
      points: points.ok ? points.body : null,
      coupons: coupons.ok ? coupons.body : null,
      partial: unavailable.length > 0,
      unavailable,
    };
  }

  private async fetch(service: DownstreamService, path: string, actor: Actor): Promise<Part> {
    try {
      const res = await this.downstream.call({ service, method: 'GET', pathAndQuery: path, actor, timeoutMs: this.env.AGGREGATE_TIMEOUT_MS, retries: 0 });
      const body = parse(res.body);
      if (res.status >= 200 && res.status < 300) return { ok: true, body };
      if (res.status >= 500) return { ok: false, service };
      return { ok: false, problem: { status: res.status, body } };
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'unavailable') return { ok: false, service };
      throw err;
    }
  }
}
