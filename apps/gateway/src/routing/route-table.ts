import type { Role } from '@app/common';
import type { DownstreamService } from '../downstream/downstream-services';

/**
 * THE public API of the platform: every route a client may call, who may call it and on what.
 * Anything not listed here is refused (deny by default). Downstream services implement the SAME
 * path; the gateway forwards it unchanged. Add a route = add one line here (and the role-matrix
 * expectations in route-table.spec.ts).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who answers the route: a downstream service, or the gateway itself (auth, admin, aggregated views). */
export type RouteOwner = DownstreamService | 'gateway';

/**
 * Data scoping on top of the role check:
 * - `store`: actors bound to stores (POS keys, store managers) may act only for their stores; the
 *   store ids are read from the given places (`body.storeId`, `body.lines[].storeId`, `param.storeId`).
 * - `self`: a customer may act only on `:memberId` equal to their own member id.
 * - `all`: every listed rule applies (each to the roles it concerns).
 */
export type ScopeRule = { kind: 'none' } | { kind: 'store'; from: string[] } | { kind: 'self'; param: string } | { kind: 'all'; rules: ScopeRule[] };

export interface RouteSpec {
  method: HttpMethod;
  /** Public path pattern under /v1 with `:param` segments. */
  path: string;
  owner: RouteOwner;
  /** Roles allowed to call, or 'public' (no authentication). */
  roles: readonly Role[] | 'public';
  scope: ScopeRule;
  summary: string;
  /** Stricter per-address limit class (sign-in endpoints). */
  rateLimit?: 'auth';
}

// Role groups: least privilege. Marketing works on rules, tiers and rewards, not on one member's data.
const ADMIN = ['admin'] as const satisfies readonly Role[];
/** Staff who serve a member at the desk or on the phone. */
const SERVICE_STAFF = ['admin', 'service_agent', 'service_supervisor', 'store_manager'] as const satisfies readonly Role[];
/** Staff who may read a member's data (auditors read, never write). */
const STAFF_READ = [...SERVICE_STAFF, 'auditor'] as const satisfies readonly Role[];
const PROGRAMME = ['admin', 'marketing'] as const satisfies readonly Role[];
const ALL_STAFF = ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'] as const satisfies readonly Role[];

const none: ScopeRule = { kind: 'none' };
const self: ScopeRule = { kind: 'self', param: 'memberId' };
const store = (...from: string[]): ScopeRule => ({ kind: 'store', from });

function route(method: HttpMethod, path: string, owner: RouteOwner, roles: readonly Role[] | 'public', scope: ScopeRule, summary: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  return { method, path, owner, roles, scope, summary, ...extra };
}

export const ROUTE_TABLE: readonly RouteSpec[] = [
  // ---- gateway: authentication and administration
  route('POST', '/v1/auth/token', 'gateway', 'public', none, 'Staff sign-in: email and password for a bearer token', { rateLimit: 'auth' }),
  route('POST', '/v1/auth/customer/demo-token', 'gateway', 'public', none, 'Local demo only: a customer token for a member id (DEMO_CUSTOMER_TOKENS=true)', { rateLimit: 'auth' }),
  route('GET', '/v1/auth/me', 'gateway', [...ALL_STAFF, 'customer', 'pos'], none, 'Who am I: the authenticated actor'),
  route('POST', '/v1/staff', 'gateway', ADMIN, none, 'Create a staff user'),
  route('GET', '/v1/staff', 'gateway', ADMIN, none, 'List staff users'),
  route('PATCH', '/v1/staff/:staffId', 'gateway', ADMIN, none, 'Deactivate or reactivate a staff user (their tokens stop working at once)'),
  route('POST', '/v1/stores', 'gateway', ADMIN, none, 'Create a store'),
  route('GET', '/v1/stores', 'gateway', ['admin', 'auditor'], none, 'List stores'),
  route('POST', '/v1/stores/:storeId/api-keys', 'gateway', ADMIN, none, 'Issue a POS API key for a store (the key is shown once)'),
  route('GET', '/v1/stores/:storeId/api-keys', 'gateway', ['admin', 'store_manager'], store('param.storeId'), 'List a store\'s POS API keys with last use'),
  route('DELETE', '/v1/stores/:storeId/api-keys/:keyId', 'gateway', ADMIN, none, 'Revoke a POS API key'),
  // ---- gateway: aggregated views
  route('GET', '/v1/members/:memberId/status', 'gateway', [...STAFF_READ, 'customer'], self, 'Membership status: tier, benefits, points, coupons (partial when a service is down)'),
  route('GET', '/v1/me/status', 'gateway', ['customer'], none, 'My membership status (customer)'),

  // ---- points: POS
  route('POST', '/v1/pos/transactions', 'points', ['pos'], store('body.storeId'), 'Record a purchase and credit points'),
  route('POST', '/v1/pos/transactions/batch', 'points', ['pos'], store('body.storeId', 'body.transactions[].storeId'), 'Upload purchases recorded offline'),
  route('POST', '/v1/pos/returns', 'points', ['pos'], store('body.storeId'), 'Record a return and reverse points'),
  route('POST', '/v1/pos/coupons/:code/redeem', 'points', ['pos'], store('body.storeId'), 'Redeem a coupon at checkout'),
  // ---- points: members' points, coupons, rewards
  route('POST', '/v1/members/:memberId/claims', 'points', [...SERVICE_STAFF, 'customer'], self, 'Claim points for a purchase made without the card'),
  route('GET', '/v1/members/:memberId/points/balance', 'points', [...STAFF_READ, 'customer', 'pos'], self, 'Points balance: available, pending, expiring'),
  route('GET', '/v1/members/:memberId/points/history', 'points', [...STAFF_READ, 'customer'], self, 'Points ledger of a member'),
  route('GET', '/v1/members/:memberId/coupons', 'points', [...STAFF_READ, 'customer'], self, 'Coupons of a member'),
  route('POST', '/v1/members/:memberId/points/redemptions', 'points', ['admin', 'customer', 'pos'], { kind: 'all', rules: [self, store('body.storeId')] }, 'Spend points (never overdraws)'),
  route('POST', '/v1/members/:memberId/points/adjustments', 'points', ['admin', 'service_supervisor'], none, 'Manual points adjustment (goodwill, correction)'),
  route('GET', '/v1/points/rules', 'points', PROGRAMME, none, 'Earning rules'),
  route('POST', '/v1/points/rules', 'points', PROGRAMME, none, 'Create an earning rule'),
  route('GET', '/v1/points/reconciliation', 'points', ['admin', 'auditor'], none, 'Ledger reconciliation report'),
  route('POST', '/v1/points/reconciliation/repair', 'points', ADMIN, none, 'Set drifted balances to the ledger totals'),
  route('POST', '/v1/points/jobs/run', 'points', ADMIN, none, 'Run the points jobs now (pending release, expiry)'),
  route('GET', '/v1/rewards', 'points', [...ALL_STAFF, 'customer'], none, 'Rewards catalogue'),
  route('POST', '/v1/rewards', 'points', PROGRAMME, none, 'Create a reward'),
  route('POST', '/v1/members/:memberId/rewards/:rewardId/redeem', 'points', [...SERVICE_STAFF, 'customer'], self, 'Redeem points for a reward'),

  // ---- members
  route('POST', '/v1/members', 'members', [...SERVICE_STAFF, 'pos'], store('body.preferredStoreId'), 'Enrol a member'),
  route('GET', '/v1/members/resolve', 'members', [...STAFF_READ, 'pos'], none, 'Member id and tier by card number, phone or email'),
  route('GET', '/v1/members/lookup', 'members', STAFF_READ, none, 'Staff lookup of a profile by card number, phone or email (masked by default)'),
  route('GET', '/v1/members/:memberId', 'members', [...STAFF_READ, 'customer'], self, 'A member\'s profile'),
  route('PATCH', '/v1/members/:memberId', 'members', [...SERVICE_STAFF, 'customer'], self, 'Update a member\'s profile'),
  route('DELETE', '/v1/members/:memberId', 'members', ['admin', 'customer'], self, 'Erase a member\'s personal data (same as POST .../erasure)'),
  route('GET', '/v1/members/:memberId/history', 'members', STAFF_READ, none, 'Profile change history: fields, actor, time'),
  route('GET', '/v1/members/:memberId/access-log', 'members', ['admin', 'auditor'], none, 'Unmasked reads of the member\'s personal data'),
  route('GET', '/v1/members/:memberId/tier-status', 'members', [...STAFF_READ, 'customer'], self, 'Tier, benefits, progress to the next tier'),
  route('GET', '/v1/members/:memberId/tier-history', 'members', [...STAFF_READ, 'customer'], self, 'Tier changes with reasons'),
  route('GET', '/v1/members/:memberId/export', 'members', ['admin', 'customer'], self, 'Export all personal data of a member (PIPL access right)'),
  route('PUT', '/v1/members/:memberId/consents/:purpose', 'members', ['admin', 'customer'], self, 'Give or withdraw consent for a purpose'),
  route('POST', '/v1/members/:memberId/erasure', 'members', ['admin', 'customer'], self, 'Erase a member\'s personal data'),
  route('POST', '/v1/members/:memberId/tier-override', 'members', ['admin', 'service_supervisor'], none, 'Override a member\'s tier'),
  route('GET', '/v1/tiers', 'members', PROGRAMME, none, 'Tier definitions'),
  route('PUT', '/v1/tiers', 'members', PROGRAMME, none, 'Replace tier definitions'),
  route('POST', '/v1/tiers/simulate', 'members', PROGRAMME, none, 'Simulate tier definitions on current members'),
  route('GET', '/v1/audit-log', 'members', ['admin', 'auditor'], none, 'Audit log of access to personal data'),
  route('POST', '/v1/jobs/members/birthdays', 'members', ADMIN, none, 'Run now: announce today\'s birthdays'),
  route('POST', '/v1/jobs/tiers/review', 'members', ADMIN, none, 'Run now: tier review'),
  route('POST', '/v1/jobs/members/retention', 'members', ADMIN, none, 'Run now: anonymise long-inactive members'),

  // ---- segments: campaigns (sent only to members with marketing consent at dispatch)
  route('POST', '/v1/campaigns', 'segments', PROGRAMME, none, 'Create a campaign (draft) to an explicit list of member ids'),
  route('GET', '/v1/campaigns', 'segments', PROGRAMME, none, 'Campaigns, newest first'),
  route('GET', '/v1/campaigns/:campaignId', 'segments', PROGRAMME, none, 'A campaign with its dispatch outcome: sent, skipped by reason'),
  route('GET', '/v1/campaigns/:campaignId/recipients', 'segments', PROGRAMME, none, 'Who a dispatch sent to or skipped, and why (member ids only)'),
  route('POST', '/v1/campaigns/:campaignId/dispatch', 'segments', PROGRAMME, none, 'Dispatch: a message request to each member with marketing consent now; idempotent'),
];

// ---- matching

export interface RouteMatch {
  route: RouteSpec;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: RouteSpec;
  regex: RegExp;
  names: string[];
  literals: number;
}

function compile(route: RouteSpec): CompiledRoute {
  const names: string[] = [];
  let literals = 0;
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      if (segment) literals++;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names, literals };
}

export type MatchResult = { kind: 'matched'; match: RouteMatch } | { kind: 'method_not_allowed'; allowed: HttpMethod[] } | { kind: 'not_found' };

/** Finds routes by method and path; literal segments win over parameters (`/members/resolve`). */
export class RouteMatcher {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteSpec[] = ROUTE_TABLE) {
    this.compiled = routes.map(compile).sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): MatchResult {
    const allowed = new Set<HttpMethod>();
    for (const c of this.compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      if (c.route.method !== method.toUpperCase()) {
        allowed.add(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      let decodable = true;
      c.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          decodable = false;
        }
      });
      if (!decodable) return { kind: 'not_found' };
      return { kind: 'matched', match: { route: c.route, params } };
    }
    return allowed.size ? { kind: 'method_not_allowed', allowed: [...allowed] } : { kind: 'not_found' };
  }
}
