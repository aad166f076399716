import { Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { AuthService } from '../auth/auth.service';
import type { IssuedToken } from '../auth/token.service';
import { DownstreamClient } from '../proxy/downstream.client';
import { parseJsonBody } from '../proxy/relay-problem';

/**
 * Local demo only (DEMO_CUSTOMER_TOKENS=true; a production start refuses it): a customer token
 * for an existing, active member, asked of the members service. Unknown or erased members get
 * none. Real customers sign in with a one-time code.
 */
@Injectable()
export class DemoTokenService {
  constructor(
    private readonly env: GatewayEnv,
    private readonly auth: AuthService,
    private readonly downstream: DownstreamClient,
  ) {}

  async issue(memberId: string): Promise<IssuedToken & { actor: Actor }> {
    if (!this.env.DEMO_CUSTOMER_TOKENS) throw new DomainError('REQUEST.NOT_FOUND', 'not_found', 'Demo customer tokens are disabled');
    const res = await this.downstream.call({
      service: 'members',
      method: 'GET',
      pathAndQuery: `/v1/members/resolve?memberId=${encodeURIComponent(memberId)}`,
      actor: null,
    });
    const body = parseJsonBody(res.body) as { memberId?: unknown } | null;
    if (res.status === 404 || res.status === 400) throw new DomainError('AUTH.UNKNOWN_MEMBER', 'not_found', 'No active member has this id');
    if (res.status !== 200 || body?.memberId !== memberId)
      throw new DomainError('GATEWAY.SERVICE_UNAVAILABLE', 'unavailable', 'The members service could not confirm the member; try again later', {
        service: 'members',
      });
    return this.auth.issueCustomerToken(memberId);
  }
}
