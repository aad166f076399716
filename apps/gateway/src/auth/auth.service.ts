import { Injectable } from '@nestjs/common';
import { Clock, DomainError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { CustomerSessionsRepository } from '../customer-auth/customer-sessions.repository';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import { TokenService, type IssuedToken } from './token.service';

export interface Credentials {
  apiKey?: string;
  bearer?: string;
}

/**
 * Who is calling: a POS API key (`x-api-key` or `Authorization: ApiKey ...`) or a bearer token.
 * Customer tokens come from a one-time code (`customer-auth/`: tied to a session that sign-out
 * ends) or, locally, from the demo issuer.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly env: GatewayEnv,
    private readonly sessions: CustomerSessionsRepository,
    private readonly clock: Clock,
  ) {}

  /** Credentials in the request headers; null when none is presented. */
  static credentials(headers: { 'x-api-key'?: string | string[]; authorization?: string }): Credentials | null {
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey) return { apiKey: apiKey.trim() };
    const auth = headers.authorization;
    if (typeof auth !== 'string' || !auth) return null;
    const [scheme, value, ...rest] = auth.trim().split(/\s+/);
    if (!value || rest.length) return { bearer: '' };
    if (scheme?.toLowerCase() === 'bearer') return { bearer: value };
    if (scheme?.toLowerCase() === 'apikey') return { apiKey: value };
    return { bearer: '' };
  }

  /** The actor behind presented credentials; 401 when they are not valid. */
  async authenticate(credentials: Credentials): Promise<Actor> {
    if (credentials.apiKey !== undefined) {
      const actor = await this.stores.authenticate(credentials.apiKey);
      if (!actor) throw new DomainError('AUTH.INVALID_API_KEY', 'unauthenticated', 'The API key is not valid or has been revoked');
      return actor;
    }
    const { actor, sessionId } = this.tokens.verifyWithSession(credentials.bearer ?? '');
    if (actor.role !== 'customer') await this.staff.assertTokenCurrent(actor);
    else if (sessionId && !(await this.sessions.isActive(sessionId, actor.memberId ?? '', this.clock.now()))) {
      throw new DomainError('AUTH.SESSION_ENDED', 'unauthenticated', 'This sign-in has ended (signed out); sign in again');
    }
    return actor;
  }

  issueStaffToken(actor: Actor): IssuedToken & { actor: Actor } {
    return { ...this.tokens.issue(actor, this.env.STAFF_TOKEN_TTL_SECONDS), actor };
  }

  /** A customer token for a member the caller has already verified exists and is active. */
  issueCustomerToken(memberId: string): IssuedToken & { actor: Actor } {
    const actor: Actor = { id: memberId, role: 'customer', storeIds: [], memberId };
    return { ...this.tokens.issue(actor, this.env.CUSTOMER_TOKEN_TTL_SECONDS), actor };
  }

  /** A short-lived customer access token bound to a sign-in session. */
  issueSessionToken(memberId: string, sessionId: string): IssuedToken & { actor: Actor } {
    const actor: Actor = { id: memberId, role: 'customer', storeIds: [], memberId };
    return { ...this.tokens.issue(actor, this.env.CUSTOMER_ACCESS_TTL_SECONDS, sessionId), actor };
  }
}
