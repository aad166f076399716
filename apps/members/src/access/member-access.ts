import { DomainError, type Actor, type Role } from '@app/common';

/** Who may do what in the members service (the gateway checks too: defence in depth). */
export const Permissions = {
  enrol: ['admin', 'service_agent', 'service_supervisor', 'store_manager', 'pos', 'customer'],
  resolve: ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor', 'pos', 'customer'],
  readProfile: ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor', 'customer'],
  updateProfile: ['admin', 'service_agent', 'service_supervisor', 'store_manager', 'customer'],
  changeConsent: ['admin', 'service_agent', 'service_supervisor', 'store_manager', 'customer'],
  exportData: ['admin', 'service_supervisor', 'customer'],
  erase: ['admin', 'service_supervisor', 'customer'],
  readTierStatus: ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor', 'customer'],
  overrideTier: ['admin', 'service_supervisor'],
  readTierConfig: ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'],
  changeTierConfig: ['admin'],
  simulateTierConfig: ['admin', 'marketing'],
  readAccessLog: ['admin', 'auditor'],
  runJobs: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof Permissions;

/** Roles that may see personal data unmasked (store managers only for their stores, customers only their own). */
const UNMASK_ROLES: ReadonlySet<Role> = new Set(['admin', 'service_agent', 'service_supervisor', 'store_manager', 'customer']);

export function assertAllowed(actor: Actor, permission: Permission): void {
  if (!(Permissions[permission] as readonly Role[]).includes(actor.role)) {
    throw new DomainError('MEMBERS.FORBIDDEN', 'forbidden', `Role ${actor.role} may not ${permission}`);
  }
}

/** A customer acts only on their own member id; everyone else is checked by role. */
export function assertMemberAccess(actor: Actor, permission: Permission, memberId: string): void {
  assertAllowed(actor, permission);
  if (actor.role === 'customer' && actor.memberId !== memberId) {
    throw new DomainError('MEMBERS.FORBIDDEN', 'forbidden', 'A customer may only access their own membership');
  }
}

/** Store-scoped staff may act only for members of their stores. */
export function assertStoreScope(actor: Actor, preferredStoreId: string): void {
  if ((actor.role === 'store_manager' || actor.role === 'pos') && !actor.storeIds.includes(preferredStoreId)) {
    throw new DomainError('MEMBERS.FORBIDDEN', 'forbidden', 'This member belongs to another store');
  }
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
  if (!mayUnmask(actor, member)) throw new DomainError('MEMBERS.UNMASK_FORBIDDEN', 'forbidden', `Role ${actor.role} may not see this member's personal data unmasked`);
  if (!reason) {
    throw new DomainError('MEMBERS.ACCESS_REASON_REQUIRED', 'invalid', 'An unmasked read needs a reason (x-access-reason header or reason query parameter)', {}, [
      { field: 'reason', rule: 'isNotEmpty', message: 'a reason is required for an unmasked read' },
    ]);
  }
  return { unmasked: true, reason };
}
