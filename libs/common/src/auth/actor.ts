import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';

/** Every kind of caller the gateway authenticates. */
export const ROLES = ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor', 'customer', 'pos'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as established by the gateway and forwarded to services in the
 * `x-actor` header (base64url JSON). Services trust it only with a valid internal token.
 */
export interface Actor {
  /** Staff user id, customer's member id, or POS API key id. */
  id: string;
  role: Role;
  /** Stores the actor is scoped to (POS keys: exactly one; store managers: theirs; others: []). */
  storeIds: string[];
  /** Set for customers: the only member they may act on. */
  memberId?: string;
}

export const ACTOR_HEADER = 'x-actor';
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

export function encodeActor(actor: Actor): string {
  return Buffer.from(JSON.stringify(actor), 'utf8').toString('base64url');
}

export function decodeActor(header: string | undefined): Actor | null {
  if (!header) return null;
  try {
    const raw = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Partial<Actor>;
    if (typeof raw.id !== 'string' || !ROLES.includes(raw.role as Role) || !Array.isArray(raw.storeIds)) return null;
    if (!raw.storeIds.every((s) => typeof s === 'string')) return null;
    return { id: raw.id, role: raw.role as Role, storeIds: raw.storeIds, ...(typeof raw.memberId === 'string' ? { memberId: raw.memberId } : {}) };
  } catch {
    return null;
  }
}

/** Controller parameter: the calling actor; 401 when the request carries none. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const actor = decodeActor(req.header(ACTOR_HEADER));
  if (!actor) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'No authenticated caller');
  return actor;
});
