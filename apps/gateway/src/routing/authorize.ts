import { DomainError, type Actor } from '@app/common';
import type { RouteSpec, ScopeRule } from './route-table';

/** Roles bound to stores: the `store` scope rule applies to them. */
const STORE_BOUND_ROLES = new Set(['pos', 'store_manager']);

export type Decision = { allow: true } | { allow: false; error: DomainError };

export interface RequestFacts {
  params: Record<string, string>;
  body: unknown;
}

/**
 * The whole authorization decision for one request, pure: role allowed by the route, then the
 * route's scope rule. `actor` is null for an unauthenticated caller.
 */
export function authorize(route: RouteSpec, actor: Actor | null, facts: RequestFacts): Decision {
  if (route.roles === 'public') return { allow: true };
  if (!actor) return deny(new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Authentication required: an API key or a bearer token'));
  if (!route.roles.includes(actor.role)) {
    return deny(new DomainError('AUTH.FORBIDDEN', 'forbidden', `Role ${actor.role} may not call ${route.method} ${route.path}`));
  }
  return checkScope(route.scope, actor, facts);
}

function checkScope(scope: ScopeRule, actor: Actor, facts: RequestFacts): Decision {
  switch (scope.kind) {
    case 'none':
      return { allow: true };
    case 'all': {
      for (const rule of scope.rules) {
        const decision = checkScope(rule, actor, facts);
        if (!decision.allow) return decision;
      }
      return { allow: true };
    }
    case 'self': {
      if (actor.role !== 'customer') return { allow: true };
      const target = facts.params[scope.param];
      if (!actor.memberId || target !== actor.memberId) {
        return deny(new DomainError('AUTH.NOT_YOUR_ACCOUNT', 'forbidden', 'A customer may act only on their own member account'));
      }
      return { allow: true };
    }
    case 'store': {
      if (!STORE_BOUND_ROLES.has(actor.role)) return { allow: true };
      const storeIds = scope.from.flatMap((place) => readPlace(place, facts));
      if (storeIds.length === 0) {
        return deny(new DomainError('REQUEST.STORE_ID_REQUIRED', 'invalid', `This caller is bound to stores: the request must name the store (${scope.from.join(' or ')})`));
      }
      const foreign = storeIds.filter((id) => typeof id !== 'string' || !actor.storeIds.includes(id));
      if (foreign.length) {
        return deny(new DomainError('AUTH.STORE_SCOPE', 'forbidden', 'This caller may act only for its own store(s)'));
      }
      return { allow: true };
    }
  }
}

function deny(error: DomainError): Decision {
  return { allow: false, error };
}

/**
 * Values at a place: `param.storeId`, `body.storeId`, `body.transactions[].storeId` (every
 * element). Present but non-string values are returned as-is so they are refused, never skipped.
 */
export function readPlace(place: string, facts: RequestFacts): unknown[] {
  const [root, ...rest] = place.split('.');
  let values: unknown[] = root === 'param' ? [facts.params] : root === 'body' ? [facts.body] : [];
  for (const part of rest) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, key)) return [];
      const next = (v as Record<string, unknown>)[key];
      if (!each) return next === undefined || next === null ? [] : [next];
      return Array.isArray(next) ? next : [];
    });
  }
  return values;
}
