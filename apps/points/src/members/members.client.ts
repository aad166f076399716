import { Injectable, Logger } from '@nestjs/common';
import { DomainError, INTERNAL_TOKEN_HEADER, RequestContext } from '@app/common';
import { PointsEnv } from '../config/points.env';

export type MemberLookup = { by: 'cardNumber'; cardNumber: string } | { by: 'phone'; phone: string } | { by: 'memberId'; memberId: string };

/** HTTP client of the members service's resolve endpoint (card number / phone to member id). */
@Injectable()
export class MembersClient {
  private readonly logger = new Logger(MembersClient.name);
  constructor(private readonly env: PointsEnv) {}

  /** The member, or null when the members service does not know the identifier. */
  async resolve(lookup: MemberLookup): Promise<{ memberId: string; tier: string | null } | null> {
    const value = lookup.by === 'cardNumber' ? lookup.cardNumber : lookup.by === 'phone' ? lookup.phone : lookup.memberId;
    const query = `${lookup.by}=${encodeURIComponent(value)}`;
    const url = `${this.env.MEMBERS_URL.replace(/\/+$/, '')}/v1/members/resolve?${query}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: {
          [INTERNAL_TOKEN_HEADER]: this.env.INTERNAL_TOKEN,
          'x-correlation-id': RequestContext.correlationId() ?? '',
        },
        signal: AbortSignal.timeout(this.env.MEMBERS_RESOLVE_TIMEOUT_MS),
      });
    } catch (err) {
      // Never log the identifier itself (personal data).
      this.logger.warn({ msg: 'members resolve call failed', by: lookup.by, error: String(err) });
      throw new DomainError('POS.MEMBER_RESOLUTION_UNAVAILABLE', 'unavailable', 'Member lookup is unavailable; retry the sale');
    }
    if (res.status === 404) return null;
    if (res.status === 400) {
      const field = `member.${lookup.by}`;
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'invalid', `${field} is not a valid identifier`, {}, [{ field, rule: 'resolvable', message: `${field} is not in a format the members service accepts` }]);
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
}
