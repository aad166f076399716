import { AccessErrors, STORE_BOUND_ROLES } from '@app/access';
import { MembersErrors } from '../members/members.errors';
import type { Actor, Role } from '@app/common';

/**
 * Who may call what is the catalogue's (`@app/access`, enforced by the guard on every handler).
 * What stays here depends on the member's own data: their store, and who may see them unmasked.
 */

/** Roles that may see personal data unmasked (store managers only for their stores, customers only their own). */
const UNMASK_ROLES: ReadonlySet<Role> = new Set(['admin', 'service_agent', 'service_supervisor', 'store_manager', 'customer']);

/** Store-scoped staff may act only for members of their stores. */
export function assertStoreScope(actor: Actor, preferredStoreId: string): void {
  if (STORE_BOUND_ROLES.has(actor.role) && !actor.storeIds.includes(preferredStoreId)) throw AccessErrors.storeScope('This member belongs to another store');
}

export function mayUnmask(actor: Actor, member: { _id: string; preferredStoreId: string }): boolean {
  if (!UNMASK_ROLES.has(actor.role)) return false;
  if (actor.role === 'customer') return actor.memberId === member._id;
  if (actor.role === 'store_manager') return actor.storeIds.includes(member.preferredStoreId);
  return true;
}

export type DataView = { unmasked: false } | { unmasked: true; reason: string };

/**
 * Decide masked or unmasked for one read. A customer sees their own data unmasked. Staff see it
 * unmasked when they ask for it (`view=full`, or by giving a reason) and their role allows it;
 * a reason is then required, and the read is audited.
 */
export function decideView(actor: Actor, member: { _id: string; preferredStoreId: string }, request: { view?: 'masked' | 'full'; reason?: string }): DataView {
  if (actor.role === 'customer' && actor.memberId === member._id) return { unmasked: true, reason: request.reason?.trim() || 'data subject access' };
  const reason = request.reason?.trim();
  const wantsFull = request.view === 'full' || (request.view === undefined && !!reason);
  if (!wantsFull) return { unmasked: false };
  if (!mayUnmask(actor, member)) throw MembersErrors.unmaskForbidden(actor.role);
  if (!reason) {
    throw MembersErrors.accessReasonRequired();
  }
  return { unmasked: true, reason };
}
