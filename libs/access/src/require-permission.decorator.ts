import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { PERMISSIONS, type Permission } from './permissions';
import { describeScope } from './scope';

export const PERMISSION_METADATA = 'access:permission';
export const INTERNAL_METADATA = 'access:internal';

/** Who the OpenAPI document says may call an operation. */
export function permissionDoc(permission: Permission): { permission: Permission; roles: readonly string[] | 'public'; scope: string } {
  const spec = PERMISSIONS[permission];
  return { permission, roles: spec.roles, scope: describeScope(spec.scope) };
}

/**
 * On a handler (or a controller): the catalogue permission needed to call it. The global
 * `PermissionGuard` enforces it (role + scope) with the actor the gateway forwarded, and the
 * OpenAPI operation carries `x-permission` with the roles and the scope.
 */
export function RequirePermission(permission: Permission, options: { alsoInternal?: boolean } = {}): MethodDecorator & ClassDecorator {
  const doc = permissionDoc(permission);
  const roles = doc.roles === 'public' ? 'anyone' : doc.roles.join(', ');
  return applyDecorators(
    SetMetadata(PERMISSION_METADATA, permission),
    // `alsoInternal`: another service may call it as itself (internal token, no actor).
    SetMetadata(INTERNAL_METADATA, options.alsoInternal === true),
    ApiExtension('x-permission', doc),
    ApiForbiddenResponse({ description: `Needs ${permission}: ${roles}; ${doc.scope}` }),
  );
}

/**
 * On a handler that only other services call (with the internal token), never routed by the
 * gateway. The catalogue test allows such a route to be absent from the route table.
 */
export function InternalRoute(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(INTERNAL_METADATA, true), ApiExtension('x-internal', true));
}
