import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError, ROLES, type Actor, type Role } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';

const ISSUER = 'loyalty-gateway';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

interface Claims {
  iss: string;
  sub: string;
  role: Role;
  sid: string[];
  mid?: string;
  /** Customer session (one-time-code sign-in): the token dies with the session. */
  ses?: string;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  expiresAt: string;
}

/**
 * Compact HS256 JWTs built with node:crypto. A token carries the actor (subject, role, stores,
 * member id) and an expiry; the secret is GATEWAY_TOKEN_SECRET. POS callers never get tokens:
 * they use API keys.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly env: GatewayEnv,
    private readonly clock: Clock,
  ) {}

  issue(actor: Actor, ttlSeconds: number, sessionId?: string): IssuedToken {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: Claims = {
      iss: ISSUER,
      sub: actor.id,
      role: actor.role,
      sid: actor.storeIds,
      ...(actor.memberId ? { mid: actor.memberId } : {}),
      ...(sessionId ? { ses: sessionId } : {}),
      iat,
      exp: iat + ttlSeconds,
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = this.sign(`${HEADER}.${body}`);
    return {
      accessToken: `${HEADER}.${body}.${signature}`,
      tokenType: 'Bearer',
      expiresIn: ttlSeconds,
      expiresAt: new Date((iat + ttlSeconds) * 1000).toISOString(),
    };
  }

  /** The actor of a valid token; throws 401 AUTH.INVALID_TOKEN / AUTH.TOKEN_EXPIRED otherwise. */
  verify(token: string): Actor {
    return this.verifyWithSession(token).actor;
  }

  /** The actor and, for a customer signed in with a one-time code, the session the token belongs to. */
  verifyWithSession(token: string): { actor: Actor; sessionId: string | null } {
    const invalid = () => new DomainError('AUTH.INVALID_TOKEN', 'unauthenticated', 'The bearer token is not valid');
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) throw invalid();
    const [header, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    let claims: Partial<Claims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Claims>;
    } catch {
      throw invalid();
    }
    if (claims.iss !== ISSUER || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw invalid();
    if (!ROLES.includes(claims.role as Role) || claims.role === 'pos') throw invalid();
    if (!Array.isArray(claims.sid) || !claims.sid.every((s) => typeof s === 'string')) throw invalid();
    if (claims.role === 'customer' && typeof claims.mid !== 'string') throw invalid();
    if (claims.exp * 1000 <= this.clock.now().getTime()) throw new DomainError('AUTH.TOKEN_EXPIRED', 'unauthenticated', 'The bearer token has expired');
    const actor: Actor = {
      id: claims.sub,
      role: claims.role as Role,
      storeIds: claims.sid,
      ...(typeof claims.mid === 'string' ? { memberId: claims.mid } : {}),
    };
    return { actor, sessionId: typeof claims.ses === 'string' ? claims.ses : null };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.env.GATEWAY_TOKEN_SECRET).update(input).digest('base64url');
  }
}
