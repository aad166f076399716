import { Injectable } from '@nestjs/common';
import { Clock, DomainError, type Actor } from '@app/common';
import { DOWNSTREAM_SERVICES, type DownstreamService } from '../downstream/downstream-services';
import { DownstreamClient } from '../proxy/downstream.client';
import { parseJsonBody, relayProblem } from '../proxy/relay-problem';

/** The documented, machine-readable format of a member's data export. */
export const MEMBER_EXPORT_FORMAT = 'loyalty-platform.member-export.v1';

/** Where every service answers for its own part of a member's data (an `@InternalRoute()`). */
export const personalDataPath = (memberId: string): string => `/v1/internal/members/${encodeURIComponent(memberId)}/personal-data`;

export interface MemberExport {
  format: typeof MEMBER_EXPORT_FORMAT;
  memberId: string;
  exportedAt: string;
  /** Each service's own part, as that service answered it: `{ members: {...}, points: {...}, ... }`. */
  services: Partial<Record<DownstreamService, unknown>>;
}

/**
 * The right of access (PIPL): everything the platform holds about a member, gathered from every
 * service, each answering for its own data. Members goes first: it decides whether the caller may
 * see the member, refuses an erased member (410) and audits the unmasked read. Then every other
 * service in parallel; an export is complete or it is not given (503 naming the service), never
 * silently partial.
 */
@Injectable()
export class MemberExportService {
  constructor(
    private readonly downstream: DownstreamClient,
    private readonly clock: Clock,
  ) {}

  async export(memberId: string, actor: Actor, reason: string | undefined): Promise<MemberExport> {
    const headers = reason ? { 'x-access-reason': reason } : undefined;
    const members = await this.part('members', memberId, actor, headers);
    const others = DOWNSTREAM_SERVICES.filter((s) => s !== 'members');
    const parts = await Promise.all(others.map((service) => this.part(service, memberId, actor)));
    const services: Partial<Record<DownstreamService, unknown>> = { members };
    others.forEach((service, i) => (services[service] = parts[i]));
    return { format: MEMBER_EXPORT_FORMAT, memberId, exportedAt: this.clock.now().toISOString(), services };
  }

  private async part(service: DownstreamService, memberId: string, actor: Actor, headers?: Record<string, string>): Promise<unknown> {
    const res = await this.downstream.call({ service, method: 'GET', pathAndQuery: personalDataPath(memberId), actor, headers });
    const body = parseJsonBody(res.body) as { data?: unknown } | null;
    if (res.status === 200 && body && 'data' in body) return body.data;
    if (service === 'members' && res.status >= 400 && res.status < 500) throw relayProblem(res.status, body);
    throw new DomainError(
      'GATEWAY.EXPORT_INCOMPLETE',
      'unavailable',
      `The ${service} service could not give its part of the export (answered ${res.status}); try again later`,
      { service },
    );
  }
}
