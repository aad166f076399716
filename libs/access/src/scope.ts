import type { Actor, Role } from '@app/common';
import { AccessErrors } from './access.errors';
import type { DomainError } from '@app/common';

/**
 * Data scoping on top of the role check:
 * - `store`: actors bound to stores (POS keys, store managers) may act only for their stores; the
 *   store ids are read from the given places (`body.storeId`, `body.lines[].storeId`, `param.storeId`,
 *   `query.storeId`).
 * - `self`: a customer may act only on the `:param` equal to their own member id.
 * - `all`: every listed rule applies (each to the roles it concerns).
 */
export type ScopeRule = { kind: 'none' } | { kind: 'store'; from: string[] } | { kind: 'self'; param: string } | { kind: 'all'; rules: ScopeRule[] };

export const none: ScopeRule = { kind: 'none' };
export const self: ScopeRule = { kind: 'self', param: 'memberId' };
export const store = (...from: string[]): ScopeRule => ({ kind: 'store', from });
export const all = (...rules: ScopeRule[]): ScopeRule => ({ kind: 'all', rules });

/** Roles bound to stores: the `store` scope rule applies to them. */
export const STORE_BOUND_ROLES: ReadonlySet<Role> = new Set<Role>(['pos', 'store_manager']);

export type Decision = { allow: true } | { allow: false; error: DomainError };

export interface RequestFacts {
  params: Record<string, string>;
  body: unknown;
  query?: unknown;
}

export function checkScope(scope: ScopeRule, actor: Actor, facts: RequestFacts): Decision {
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
      if (!actor.memberId || target !== actor.memberId) return deny(AccessErrors.notYourAccount());
      return { allow: true };
    }
    case 'store': {
      if (!STORE_BOUND_ROLES.has(actor.role)) return { allow: true };
      const storeIds = scope.from.flatMap((place) => readPlace(place, facts));
      if (storeIds.length === 0) return deny(AccessErrors.storeIdRequired(scope.from));
      const foreign = storeIds.filter((id) => typeof id !== 'string' || !actor.storeIds.includes(id));
      if (foreign.length) return deny(AccessErrors.storeScope());
      return { allow: true };
    }
  }
}

function deny(error: DomainError): Decision {
  return { allow: false, error };
}

/**
 * Values at a place: `param.storeId`, `body.storeId`, `query.storeId`, `body.transactions[].storeId`
 * (every element). Present but non-string values are returned as-is so they are refused, never skipped.
 */
export function readPlace(place: string, facts: RequestFacts): unknown[] {
  const [root, ...rest] = place.split('.');
  let values: unknown[] = root === 'param' ? [facts.params] : root === 'body' ? [facts.body] : root === 'query' ? [facts.query] : [];
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

/** One sentence for documentation: who the scope limits and how. */
export function describeScope(scope: ScopeRule): string {
  switch (scope.kind) {
    case 'none':
      return 'no data scope';
    case 'self':
      return `customers only for their own member id (:${scope.param})`;
    case 'store':
      return `POS keys and store managers only for their own store (${scope.from.join(', ')})`;
    case 'all':
      return scope.rules.map(describeScope).join('; ');
  }
}
