import type { Actor } from '@app/common';
import { AccessErrors } from './access.errors';
import { PERMISSIONS, type Permission } from './permissions';
import { checkScope, type Decision, type RequestFacts } from './scope';

/**
 * The whole authorization decision for one request, pure: the permission's roles, then its scope
 * rule. `actor` is null for an unauthenticated caller. The gateway and every service call this.
 */
export function authorize(permission: Permission, actor: Actor | null, facts: RequestFacts): Decision {
  const spec = PERMISSIONS[permission];
  if (spec.roles === 'public') return { allow: true };
  if (!actor) return { allow: false, error: AccessErrors.unauthenticated() };
  if (!spec.roles.includes(actor.role)) return { allow: false, error: AccessErrors.forbidden(actor.role, permission, spec.roles) };
  return checkScope(spec.scope, actor, facts);
}

/** Role check alone, for a use case that decides on data the request does not carry. */
export function isAllowedRole(permission: Permission, actor: Actor): boolean {
  const roles = PERMISSIONS[permission].roles;
  return roles === 'public' || roles.includes(actor.role);
}
