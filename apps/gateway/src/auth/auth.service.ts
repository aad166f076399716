import { Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import { TokenService, type IssuedToken } from './token.service';

export interface Credentials {
  apiKey?: string;
  bearer?: string;
}

/**
 * Who is calling: a POS API key (`x-api-key` or `Authorization: ApiKey ...`) or a bearer token.
 * Customer tokens come from a one-time code in production (not built yet) or, locally, from the
 * demo issuer.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly env: GatewayEnv,
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
    const actor = this.tokens.verify(credentials.bearer ?? '');
    if (actor.role !== 'customer') await this.staff.assertTokenCurrent(actor);
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
}
