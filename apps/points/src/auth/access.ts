import { DomainError, type Actor, type Role } from '@app/common';

/**
 * Data scoping inside the service (defence in depth: the gateway checks too). Pure functions,
 * called by use cases with the actor the controller received.
 */
export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('AUTH.FORBIDDEN', 'forbidden', `Role ${actor.role} may not do this`, { allowed: [...roles] });
  }
}

/** POS keys and store managers act only for their own stores. */
export function requireStore(actor: Actor, storeId: string): void {
  if ((actor.role === 'pos' || actor.role === 'store_manager') && !actor.storeIds.includes(storeId)) {
    throw new DomainError('POS.STORE_MISMATCH', 'forbidden', 'This caller may only act for its own store', { storeId });
  }
}

/** Customers act only on their own member id. */
export function requireMember(actor: Actor, memberId: string): void {
  if (actor.role === 'customer' && actor.memberId !== memberId) {
    throw new DomainError('AUTH.NOT_YOUR_MEMBER', 'forbidden', 'Customers may only access their own membership');
  }
}

export const POS_ROLES: readonly Role[] = ['pos', 'store_manager', 'admin'];
export const STAFF_READ_ROLES: readonly Role[] = ['admin', 'service_agent', 'service_supervisor', 'store_manager', 'auditor', 'marketing'];
