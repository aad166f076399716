import { DomainError, type Actor, type Role } from '@app/common';

/**
 * Role checks inside the service (defence in depth: the gateway checks too). Pure functions,
 * called by controllers with the actor the gateway forwarded.
 */
export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('AUTH.FORBIDDEN', 'forbidden', `Role ${actor.role} may not do this`, { allowed: [...roles] });
  }
}

/** Who runs the marketing programme: create, read and dispatch campaigns. */
export const PROGRAMME_ROLES: readonly Role[] = ['admin', 'marketing'];
