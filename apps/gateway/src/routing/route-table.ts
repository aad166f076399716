import { PERMISSIONS, type Permission, type ScopeRule } from '@app/access';
import type { Role } from '@app/common';
import type { DownstreamService } from '../downstream/downstream-services';

/**
 * THE public API of the platform: every route a client may call and the catalogue permission
 * (`libs/access/src/permissions.ts`) that decides who may call it and on what. Anything not listed
 * here is refused (deny by default). Downstream services implement the SAME path, declare the
 * SAME permission on the handler, and the gateway forwards it unchanged. Add a route = a
 * permission in the catalogue + one line here + `@RequirePermission` on the service's handler.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who answers the route: a downstream service, or the gateway itself (auth, admin, aggregated views). */
export type RouteOwner = DownstreamService | 'gateway';

export type { ScopeRule };

export interface RouteSpec {
  method: HttpMethod;
  /** Public path pattern under /v1 with `:param` segments. */
  path: string;
  owner: RouteOwner;
  permission: Permission;
  /** From the catalogue: roles allowed to call, or 'public' (no authentication). */
  roles: readonly Role[] | 'public';
  /** From the catalogue: data scoping on top of the role check. */
  scope: ScopeRule;
  summary: string;
  /** Stricter per-address limit class (sign-in endpoints). */
  rateLimit?: 'auth';
  /**
   * The route also takes an HTML form body, which is not parsed nor forwarded (one-click
   * unsubscribe: mail clients POST `List-Unsubscribe=One-Click`, RFC 8058).
   */
  formBody?: boolean;
}

function route(method: HttpMethod, path: string, owner: RouteOwner, permission: Permission, summary: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  const spec = PERMISSIONS[permission];
  return { method, path, owner, permission, roles: spec.roles, scope: spec.scope, summary, ...extra };
}

export const ROUTE_TABLE: readonly RouteSpec[] = [
  // ---- gateway: authentication and administration
  route('POST', '/v1/auth/token', 'gateway', 'auth.sign-in', 'Staff sign-in: email and password for a bearer token', { rateLimit: 'auth' }),
  route(
    'POST',
    '/v1/auth/customer/demo-token',
    'gateway',
    'auth.demo-token',
    'Local demo only: a customer token for an existing member id (DEMO_CUSTOMER_TOKENS=true, refused in production)',
    { rateLimit: 'auth' },
  ),
  route('GET', '/v1/auth/me', 'gateway', 'auth.me', 'Who am I: the authenticated actor'),
  route('POST', '/v1/staff', 'gateway', 'staff.manage', 'Create a staff user'),
  route('GET', '/v1/staff', 'gateway', 'staff.manage', 'List staff users'),
  route('PATCH', '/v1/staff/:staffId', 'gateway', 'staff.manage', 'Deactivate or reactivate a staff user (their tokens stop working at once)'),
  route('POST', '/v1/stores', 'gateway', 'stores.create', 'Create a store'),
  route('GET', '/v1/stores', 'gateway', 'stores.read', 'List stores'),
  route('POST', '/v1/stores/:storeId/api-keys', 'gateway', 'stores.api-keys.issue', 'Issue a POS API key for a store (the key is shown once)'),
  route('GET', '/v1/stores/:storeId/api-keys', 'gateway', 'stores.api-keys.read', "List a store's POS API keys with last use"),
  route('DELETE', '/v1/stores/:storeId/api-keys/:keyId', 'gateway', 'stores.api-keys.revoke', 'Revoke a POS API key'),
  // ---- gateway: aggregated views
  route(
    'GET',
    '/v1/members/:memberId/status',
    'gateway',
    'status.member.read',
    'Membership status: tier, benefits, points, coupons (partial when a service is down)',
  ),
  route('GET', '/v1/me/status', 'gateway', 'status.me.read', 'My membership status (customer)'),
  route(
    'GET',
    '/v1/members/:memberId/export',
    'gateway',
    'members.export',
    'Export everything every service holds about a member (PIPL access right); audited',
  ),

  // ---- points: POS
  route('POST', '/v1/pos/transactions', 'points', 'pos.sale.record', 'Record a purchase and credit points'),
  route('POST', '/v1/pos/transactions/batch', 'points', 'pos.sale.batch', 'Upload purchases recorded offline'),
  route('POST', '/v1/pos/returns', 'points', 'pos.return.record', 'Record a return and reverse points'),
  route('POST', '/v1/pos/coupons/:code/redeem', 'points', 'pos.coupon.redeem', 'Redeem a coupon at checkout'),
  // ---- points: members' points, coupons, rewards
  route('POST', '/v1/members/:memberId/claims', 'points', 'points.claim', 'Claim points for a purchase made without the card'),
  route('GET', '/v1/members/:memberId/points/balance', 'points', 'points.balance.read', 'Points balance: available, pending, expiring'),
  route('GET', '/v1/members/:memberId/points/history', 'points', 'points.history.read', 'Points ledger of a member'),
  route('GET', '/v1/members/:memberId/coupons', 'points', 'coupons.member.read', 'Coupons of a member'),
  route('POST', '/v1/members/:memberId/coupons/:couponId/cancel', 'points', 'coupons.cancel', 'Cancel an unused coupon; its points are refunded once'),
  route('POST', '/v1/members/:memberId/points/redemptions', 'points', 'points.redeem', 'Spend points (never overdraws)'),
  route('POST', '/v1/members/:memberId/points/adjustments', 'points', 'points.adjust', 'Manual points adjustment (goodwill, correction)'),
  route('GET', '/v1/points/rules', 'points', 'rules.read', 'Earning rules'),
  route('POST', '/v1/points/rules', 'points', 'rules.write', 'Create an earning rule'),
  route('GET', '/v1/points/reconciliation', 'points', 'points.reconciliation.read', 'Ledger reconciliation report'),
  route('POST', '/v1/points/reconciliation/repair', 'points', 'points.reconciliation.repair', 'Set drifted balances to the ledger totals'),
  route('POST', '/v1/points/jobs/run', 'points', 'points.jobs.run', 'Run the points jobs now (pending release, expiry)'),
  // ---- sale integrity (issue 9): sales whose points are held for review (far above the store's usual basket)
  route('GET', '/v1/points/holds', 'points', 'points.pending.review', 'Sales held for review (anomalous basket)'),
  route('POST', '/v1/points/holds/:purchaseId/release', 'points', 'points.pending.review', 'Release a held sale: credit its points, count its spend'),
  route('POST', '/v1/points/holds/:purchaseId/reverse', 'points', 'points.pending.review', 'Reverse a held sale: its points are never credited'),
  route('GET', '/v1/rewards', 'points', 'rewards.read', 'Rewards catalogue'),
  route('POST', '/v1/rewards', 'points', 'rewards.write', 'Create a reward'),
  route('POST', '/v1/members/:memberId/rewards/:rewardId/redeem', 'points', 'rewards.redeem', 'Redeem points for a reward'),

  // ---- members
  route('POST', '/v1/members', 'members', 'members.enrol', 'Enrol a member'),
  route('GET', '/v1/members/resolve', 'members', 'members.resolve', 'Member id and tier by card number, phone or email'),
  route('GET', '/v1/members/lookup', 'members', 'members.lookup', 'Staff lookup of a profile by card number, phone or email (masked by default)'),
  route('GET', '/v1/members/:memberId', 'members', 'members.profile.read', "A member's profile"),
  route('PATCH', '/v1/members/:memberId', 'members', 'members.profile.update', "Update a member's profile"),
  route('DELETE', '/v1/members/:memberId', 'members', 'members.erase', "Erase a member's personal data (same as POST .../erasure)"),
  route('GET', '/v1/members/:memberId/history', 'members', 'members.history.read', 'Profile change history: fields, actor, time'),
  route('GET', '/v1/members/:memberId/access-log', 'members', 'members.access-log.read', "Unmasked reads of the member's personal data"),
  route('GET', '/v1/members/:memberId/tier-status', 'members', 'tiers.status.read', 'Tier, benefits, progress to the next tier'),
  route('GET', '/v1/members/:memberId/tier-history', 'members', 'tiers.status.read', 'Tier changes with reasons'),
  route('PUT', '/v1/members/:memberId/consents/:purpose', 'members', 'members.consent.change', 'Give or withdraw consent for a purpose'),
  route('POST', '/v1/members/:memberId/erasure', 'members', 'members.erase', "Erase a member's personal data"),
  route('POST', '/v1/members/:memberId/tier-override', 'members', 'tiers.override', "Override a member's tier"),
  route('GET', '/v1/tiers', 'members', 'tiers.config.read', 'Tier definitions'),
  route('PUT', '/v1/tiers', 'members', 'tiers.config.write', 'Replace tier definitions'),
  route('POST', '/v1/tiers/simulate', 'members', 'tiers.simulate', 'Simulate tier definitions on current members'),
  route('GET', '/v1/audit-log', 'members', 'audit-log.read', 'Audit log of access to personal data: by member, actor, period; paginated'),
  route('POST', '/v1/jobs/members/birthdays', 'members', 'members.jobs.run', "Run now: announce today's birthdays"),
  route('POST', '/v1/jobs/tiers/review', 'members', 'members.jobs.run', 'Run now: tier review'),
  route('POST', '/v1/jobs/members/retention', 'members', 'members.jobs.run', 'Run now: anonymise long-inactive members'),
  route('POST', '/v1/jobs/members/reencrypt', 'members', 'members.jobs.run', 'Run now: re-encrypt personal data under the current key'),

  // ---- segments: campaigns (sent only to members with marketing consent at dispatch)
  route('POST', '/v1/campaigns', 'segments', 'campaigns.write', 'Create a campaign (draft) to an explicit list of member ids'),
  route('GET', '/v1/campaigns', 'segments', 'campaigns.read', 'Campaigns, newest first'),
  route('GET', '/v1/campaigns/:campaignId', 'segments', 'campaigns.read', 'A campaign with its dispatch outcome: sent, skipped by reason'),
  route('GET', '/v1/campaigns/:campaignId/recipients', 'segments', 'campaigns.read', 'Who a dispatch sent to or skipped, and why (member ids only)'),
  route(
    'POST',
    '/v1/campaigns/:campaignId/dispatch',
    'segments',
    'campaigns.dispatch',
    'Dispatch: a message request to each member with marketing consent now; idempotent',
  ),

  // ---- messaging: templates, delivery status, unsubscribe links, webhooks for integrators
  route(
    'GET',
    '/v1/messaging/templates',
    'messaging',
    'messaging.templates.read',
    'Message templates per kind and locale (zh-CN, en), saved or built-in, with the variables each kind supplies',
  ),
  route(
    'POST',
    '/v1/messaging/templates/preview',
    'messaging',
    'messaging.templates.read',
    'Render a draft or the template in force with sample or given values',
  ),
  route('GET', '/v1/messaging/templates/:kind/:locale', 'messaging', 'messaging.templates.read', 'The template in force for a kind and locale'),
  route(
    'PUT',
    '/v1/messaging/templates/:kind/:locale',
    'messaging',
    'messaging.templates.write',
    'Save a template; a variable its kind does not supply is refused',
  ),
  route('GET', '/v1/messaging/deliveries', 'messaging', 'messaging.deliveries.read', 'Messages by member, campaign or status, with their delivery status'),
  route('GET', '/v1/messaging/deliveries/:deliveryId', 'messaging', 'messaging.deliveries.read', 'One message: status, reason, attempts'),
  route(
    'GET',
    '/v1/messaging/campaigns/:campaignId/deliveries',
    'messaging',
    'messaging.deliveries.read',
    'Delivery status of a campaign: messages per status and reason',
  ),
  route('GET', '/v1/messaging/unsubscribe', 'messaging', 'messaging.unsubscribe', 'Unsubscribe link of a marketing email: confirmation page'),
  route('POST', '/v1/messaging/unsubscribe', 'messaging', 'messaging.unsubscribe', 'One-click unsubscribe: withdraws marketing consent', { formBody: true }),
  route('POST', '/v1/webhooks/endpoints', 'messaging', 'webhooks.manage', 'Register a webhook endpoint for event types (the signing secret is shown once)'),
  route('GET', '/v1/webhooks/endpoints', 'messaging', 'webhooks.read', 'Webhook endpoints with their state'),
  route('GET', '/v1/webhooks/endpoints/:endpointId', 'messaging', 'webhooks.read', 'One webhook endpoint'),
  route('PATCH', '/v1/webhooks/endpoints/:endpointId', 'messaging', 'webhooks.manage', 'Pause or resume a webhook endpoint, change its URL or event types'),
  route(
    'POST',
    '/v1/webhooks/endpoints/:endpointId/replay',
    'messaging',
    'webhooks.manage',
    'Resume a webhook endpoint and send again every event since a point in time',
  ),
  route('GET', '/v1/webhooks/endpoints/:endpointId/deliveries', 'messaging', 'webhooks.read', 'Delivery log of a webhook endpoint with each answer'),

  // ---- feedback: complaints, consultations, after-sales requests, SLAs, surveys, KPIs
  route(
    'POST',
    '/v1/feedback/cases',
    'feedback',
    'feedback.cases.open',
    'Open a case (complaint, consultation, after-sales) for a member or a non-member contact',
  ),
  route('GET', '/v1/feedback/cases', 'feedback', 'feedback.cases.read', 'Case queues: mine, team, all; due soonest first; breached; filters'),
  route('GET', '/v1/feedback/cases/:caseId', 'feedback', 'feedback.cases.read', 'A case with its history, escalations and deadlines'),
  route(
    'POST',
    '/v1/feedback/cases/:caseId/transitions',
    'feedback',
    'feedback.cases.handle',
    'Move a case: acknowledged, investigating, awaiting_customer, closed (409 when illegal)',
  ),
  route('POST', '/v1/feedback/cases/:caseId/answers', 'feedback', 'feedback.cases.handle', 'Record the answer given to the customer (answer deadline met)'),
  route('POST', '/v1/feedback/cases/:caseId/assignment', 'feedback', 'feedback.cases.handle', 'Assign a case to an agent or a team'),
  route('POST', '/v1/feedback/cases/:caseId/escalations', 'feedback', 'feedback.cases.handle', 'Escalate a case one level (leadership group)'),
  route(
    'POST',
    '/v1/feedback/cases/:caseId/resolution',
    'feedback',
    'feedback.cases.handle',
    'Resolve with outcome; compensation points within limits; survey sent',
  ),
  route('POST', '/v1/feedback/cases/:caseId/reopen', 'feedback', 'feedback.cases.handle', 'Reopen a resolved or closed case within the reopen window'),
  route(
    'POST',
    '/v1/feedback/cases/:caseId/compensation/approval',
    'feedback',
    'feedback.compensation.approve',
    'Approve compensation above the agent limits (granted once)',
  ),
  route('DELETE', '/v1/feedback/cases/:caseId/contact', 'feedback', 'feedback.contact.erase', "Erase a non-member contact's personal data from a case"),
  route('GET', '/v1/feedback/sla-policies', 'feedback', 'feedback.sla.read', 'Deadlines per kind and severity'),
  route('PUT', '/v1/feedback/sla-policies/:kind/:severity', 'feedback', 'feedback.sla.write', 'Change the deadlines of new cases of a kind and severity'),
  route('POST', '/v1/feedback/jobs/run', 'feedback', 'feedback.jobs.run', 'Run the SLA scheduler now (warnings, breaches, escalation)'),
  route(
    'GET',
    '/v1/feedback/metrics',
    'feedback',
    'feedback.metrics.read',
    'Service KPIs by store and period: complaint rate, on-time shares, time to resolve, CSI, repeats, top terms',
  ),
  route('GET', '/v1/feedback/faq', 'feedback', 'feedback.faq.read', 'Search the FAQ knowledge base (Chinese or English); without a query the most asked first'),
  route('POST', '/v1/feedback/faq', 'feedback', 'feedback.faq.write', 'Add an FAQ article (zh-CN and en)'),
  route('PUT', '/v1/feedback/faq/:articleId', 'feedback', 'feedback.faq.write', 'Replace an FAQ article'),
  route(
    'POST',
    '/v1/feedback/surveys/:token',
    'feedback',
    'feedback.survey.answer',
    'Answer a satisfaction survey with its one-time token (1-5 and a comment)',
  ),
  route('POST', '/v1/me/cases', 'feedback', 'feedback.me.cases', 'Open a complaint, consultation or after-sales request for my own account'),
  route('GET', '/v1/me/cases', 'feedback', 'feedback.me.cases', 'My cases'),
  route('GET', '/v1/me/cases/:caseId', 'feedback', 'feedback.me.cases', 'One of my cases'),
  route('POST', '/v1/me/cases/:caseId/replies', 'feedback', 'feedback.me.cases', 'Reply to a case awaiting me (its deadlines run again)'),

  // ---- segments: RFM segments, lifecycle stages, profiles (issue 10)
  route(
    'POST',
    '/v1/campaigns/:campaignId/activate',
    'segments',
    'campaigns.dispatch',
    'Activate a triggered campaign (treats members as their triggers fire); idempotent',
  ),
  route('GET', '/v1/campaigns/:campaignId/results', 'segments', 'campaigns.read', 'Campaign results: treated vs held out, conversion, uplift, points granted'),
  route('GET', '/v1/segments', 'segments', 'segments.read', 'RFM segment sizes with their spend, lifecycle stage sizes, current cut points'),
  route('GET', '/v1/segments/grid', 'segments', 'segments.read', 'The R x F grid: members and average monetary per cell'),
  route('POST', '/v1/segments/recompute', 'segments', 'segments.recompute', 'Recompute cut points and re-place every member now (a job with progress)'),
  route('GET', '/v1/segments/recompute/:jobId', 'segments', 'segments.read', 'Status and progress of a recompute'),
  route('GET', '/v1/segments/:segment/members', 'segments', 'segments.read', 'Members of a segment (ids and scores only)'),
  route('GET', '/v1/members/:memberId/segment-profile', 'segments', 'segments.member.read', "One member's RFM scores, segment, lifecycle stage and moves"),

  // customer sign-in by one-time code (gateway), the code sent by messaging
  route(
    'POST',
    '/v1/auth/customer/otp',
    'gateway',
    'auth.customer.otp',
    'Ask a one-time sign-in code by email or phone (same answer whether or not a member has it)',
    { rateLimit: 'auth' },
  ),
  route('POST', '/v1/auth/customer/otp/verify', 'gateway', 'auth.customer.otp', 'Trade a one-time code for an access token and a refresh token', {
    rateLimit: 'auth',
  }),
  route('POST', '/v1/auth/customer/refresh', 'gateway', 'auth.customer.session', 'Rotate the refresh token: new access and refresh tokens', {
    rateLimit: 'auth',
  }),
  route('POST', '/v1/auth/customer/sign-out', 'gateway', 'auth.customer.session', 'End the session of a refresh token', { rateLimit: 'auth' }),
  route('POST', '/v1/auth/customer/sign-out-everywhere', 'gateway', 'auth.customer.sign-out-everywhere', 'End every session of the signed-in customer'),
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
