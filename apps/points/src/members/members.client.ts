import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainError, INTERNAL_TOKEN_HEADER, InstancePool, parseInstanceUrls, RequestContext } from '@app/common';
import { PointsEnv } from '../config/points.env';

export type MemberLookup = { by: 'cardNumber'; cardNumber: string } | { by: 'phone'; phone: string } | { by: 'memberId'; memberId: string };

/** HTTP client of the members service's resolve endpoint (card number / phone to member id). */
@Injectable()
export class MembersClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MembersClient.name);
  /** The members instances (MEMBERS_URL may list several): round-robin over the ready ones. */
  private readonly pool: InstancePool;

  constructor(private readonly env: PointsEnv) {
    this.pool = new InstancePool('members', parseInstanceUrls(env.MEMBERS_URL), { probeIntervalMs: 1000, probeTimeoutMs: 1000 });
  }

  onModuleInit(): void {
    this.pool.start();
  }

  onModuleDestroy(): void {
    this.pool.stop();
  }

  /** The member, or null when the members service does not know the identifier. */
  async resolve(lookup: MemberLookup): Promise<{ memberId: string; tier: string | null } | null> {
    const value = lookup.by === 'cardNumber' ? lookup.cardNumber : lookup.by === 'phone' ? lookup.phone : lookup.memberId;
    const query = `${lookup.by}=${encodeURIComponent(value)}`;
    let res: Response;
    try {
      res = await this.get(`/v1/members/resolve?${query}`);
    } catch (err) {
      // Never log the identifier itself (personal data).
      this.logger.warn({ msg: 'members resolve call failed', by: lookup.by, error: String(err) });
      throw new DomainError('POS.MEMBER_RESOLUTION_UNAVAILABLE', 'unavailable', 'Member lookup is unavailable; retry the sale');
    }
    if (res.status === 404) return null;
    if (res.status === 400) {
      const field = `member.${lookup.by}`;
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'invalid', `${field} is not a valid identifier`, {}, [
        { field, rule: 'resolvable', message: `${field} is not in a format the members service accepts` },
      ]);
    }
    if (!res.ok) {
      this.logger.warn({ msg: 'members resolve answered an error', by: lookup.by, status: res.status });
      throw new DomainError('POS.MEMBER_RESOLUTION_UNAVAILABLE', 'unavailable', 'Member lookup is unavailable; retry the sale');
    }
    const body = (await res.json()) as { memberId?: unknown; tier?: unknown };
    if (typeof body.memberId !== 'string' || body.memberId === '') {
      throw new DomainError('POS.MEMBER_RESOLUTION_UNAVAILABLE', 'unavailable', 'Member lookup answered without a member id');
    }
    return { memberId: body.memberId, tier: typeof body.tier === 'string' ? body.tier : null };
  }

  /** A read from one instance; an instance that refuses the connection leaves the rotation and the next is asked. */
  private async get(pathAndQuery: string): Promise<Response> {
    const refused = new Set<string>();
    for (;;) {
      const base = this.pool.pick(refused);
      if (base === undefined) throw new Error('every members instance refused the connection');
      try {
        return await fetch(`${base}${pathAndQuery}`, {
          headers: { [INTERNAL_TOKEN_HEADER]: this.env.INTERNAL_TOKEN, 'x-correlation-id': RequestContext.correlationId() ?? '' },
          signal: AbortSignal.timeout(this.env.MEMBERS_RESOLVE_TIMEOUT_MS),
        });
      } catch (err) {
        const code = String((err as { cause?: { code?: unknown } }).cause?.code);
        if (code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN') throw err;
        this.pool.markDown(base);
        refused.add(base);
      }
    }
  }
}
