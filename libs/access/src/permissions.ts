import type { Role } from '@app/common';
import { all, none, self, store, type ScopeRule } from './scope';

/**
 * THE catalogue of who may do what on the platform: permission -> roles, plus data scoping. The
 * gateway's route table names a permission for every route, and every service's handler declares
 * the same permission with `@RequirePermission(...)`, so a rule is written once, here.
 * `route-table.spec.ts` and `access-catalogue.spec.ts` fail when the two sides disagree.
 *
 * Naming: `<area>.<thing>.<verb>`. Add a permission here before the route that uses it.
 */
export interface PermissionSpec {
  /** Roles allowed, or 'public' (no authentication). */
  readonly roles: readonly Role[] | 'public';
  readonly scope: ScopeRule;
}

// Role groups: least privilege. Marketing works on rules, tiers, rewards, segments and campaigns,
// not on one member's personal data.
const ADMIN = ['admin'] as const satisfies readonly Role[];
/** Staff who serve a member at the desk or on the phone. */
const SERVICE_STAFF = ['admin', 'service_agent', 'service_supervisor', 'store_manager'] as const satisfies readonly Role[];
/** Staff who may read a member's data (auditors read, never write). */
const STAFF_READ = [...SERVICE_STAFF, 'auditor'] as const satisfies readonly Role[];
/** Who runs the loyalty programme and marketing. */
const PROGRAMME = ['admin', 'marketing'] as const satisfies readonly Role[];
const PROGRAMME_READ = [...PROGRAMME, 'auditor'] as const satisfies readonly Role[];
const ALL_STAFF = ['admin', 'marketing', 'service_agent', 'service_supervisor', 'store_manager', 'auditor'] as const satisfies readonly Role[];
/** Grave, irreversible acts on a member's data: the member, an admin, a supervisor handling their request. */
const DATA_RIGHTS = ['admin', 'service_supervisor', 'customer'] as const satisfies readonly Role[];

const p = (roles: readonly Role[] | 'public', scope: ScopeRule = none): PermissionSpec => ({ roles, scope });

export const PERMISSIONS = {
  // ---- gateway: authentication and administration
  'auth.sign-in': p('public'),
  'auth.demo-token': p('public'),
  'auth.me': p([...ALL_STAFF, 'customer', 'pos']),
  'staff.manage': p(ADMIN),
  'stores.create': p(ADMIN),
  'stores.read': p(['admin', 'auditor']),
  'stores.api-keys.issue': p(ADMIN),
  'stores.api-keys.read': p(['admin', 'store_manager'], store('param.storeId')),
  'stores.api-keys.revoke': p(ADMIN),
  'status.member.read': p([...STAFF_READ, 'customer'], self),
  'status.me.read': p(['customer']),

  // ---- points: the till
  'pos.sale.record': p(['pos'], store('body.storeId')),
  'pos.sale.batch': p(['pos'], store('body.storeId', 'body.transactions[].storeId')),
  'pos.return.record': p(['pos'], store('body.storeId')),
  'pos.coupon.redeem': p(['pos'], store('body.storeId')),
  // ---- points: a member's points, coupons, rewards
  'points.claim': p([...SERVICE_STAFF, 'customer'], self),
  'points.balance.read': p([...STAFF_READ, 'customer', 'pos'], self),
  'points.history.read': p([...STAFF_READ, 'customer'], self),
  'points.redeem': p(['admin', 'customer', 'pos'], all(self, store('body.storeId'))),
  'points.adjust': p(['admin', 'service_supervisor']),
  'coupons.member.read': p([...STAFF_READ, 'customer'], self),
  'coupons.cancel': p([...SERVICE_STAFF, 'customer'], self),
  'rewards.read': p([...ALL_STAFF, 'customer', 'pos']),
  'rewards.write': p(PROGRAMME),
  'rewards.redeem': p([...SERVICE_STAFF, 'customer'], self),
  'rules.read': p(PROGRAMME_READ),
  'rules.write': p(PROGRAMME),
  'points.reconciliation.read': p(['admin', 'auditor']),
  'points.reconciliation.repair': p(ADMIN),
  'points.jobs.run': p(ADMIN),
  // ---- points: sale integrity (issue 9): sales held as anomalous, reviewed by staff
  'points.pending.review': p(['admin', 'service_supervisor']),

  // ---- members
  'members.enrol': p([...SERVICE_STAFF, 'pos'], store('body.preferredStoreId')),
  'members.resolve': p([...STAFF_READ, 'pos']),
  'members.lookup': p(STAFF_READ),
  'members.profile.read': p([...STAFF_READ, 'customer'], self),
  'members.profile.update': p([...SERVICE_STAFF, 'customer'], self),
  'members.history.read': p(STAFF_READ),
  'members.consent.change': p([...SERVICE_STAFF, 'customer'], self),
  'members.export': p(DATA_RIGHTS, self),
  'members.erase': p(DATA_RIGHTS, self),
  'members.access-log.read': p(['admin', 'auditor']),
  'audit-log.read': p(['admin', 'auditor']),
  'members.jobs.run': p(ADMIN),
  'tiers.status.read': p([...STAFF_READ, 'customer'], self),
  'tiers.override': p(['admin', 'service_supervisor']),
  'tiers.config.read': p(PROGRAMME_READ),
  'tiers.config.write': p(PROGRAMME),
  'tiers.simulate': p(PROGRAMME),

  // ---- segments: campaigns (sent only to members with marketing consent at dispatch)
  'campaigns.read': p(PROGRAMME_READ),
  'campaigns.write': p(PROGRAMME),
  'campaigns.dispatch': p(PROGRAMME),

  // ---- messaging: reaching customers (templates, delivery status, unsubscribe, webhooks)
  'messaging.templates.read': p(PROGRAMME_READ),
  'messaging.templates.write': p(PROGRAMME),
  /** Delivery status names member ids only (no addresses): programme staff, and service staff answering "did my email go out?". */
  'messaging.deliveries.read': p(ALL_STAFF),
  /** The link in a marketing email: its signed token is the authority, no login. */
  'messaging.unsubscribe': p('public'),
  /** Endpoints of integrators (the retailer's shop, a data warehouse) and their delivery logs. */
  'webhooks.read': p(['admin', 'auditor']),
  'webhooks.manage': p(ADMIN),

  // ---- feedback: complaints, consultations, after-sales requests, SLAs, surveys, KPIs (apps/feedback)
  // Store managers act on and read their own stores' cases only (checked by the service on the case).
  'feedback.cases.open': p(SERVICE_STAFF, store('body.storeId')),
  'feedback.cases.read': p(STAFF_READ),
  'feedback.cases.handle': p(SERVICE_STAFF),
  'feedback.compensation.approve': p(['admin', 'service_supervisor']),
  'feedback.contact.erase': p(['admin', 'service_supervisor']),
  'feedback.sla.read': p(STAFF_READ),
  'feedback.sla.write': p(['admin', 'service_supervisor']),
  'feedback.jobs.run': p(ADMIN),
  'feedback.metrics.read': p(['admin', 'service_supervisor', 'store_manager', 'auditor']),
  'feedback.faq.read': p([...ALL_STAFF, 'customer']),
  'feedback.faq.write': p(['admin', 'service_supervisor']),
  /** A customer's own cases: the member id comes from the token, never from the request. */
  'feedback.me.cases': p(['customer']),
  /** The one-time survey token is the credential. */
  'feedback.survey.answer': p('public'),

  // ---- segments: RFM segments, lifecycle stages, profiles (issue 10). Marketing reads ids and
  // scores only; auditors read; a recompute is a programme act.
  'segments.read': p(PROGRAMME_READ),
  'segments.member.read': p(PROGRAMME_READ),
  'segments.recompute': p(PROGRAMME),

  /** Customer sign-in by one-time code (gateway): asking and verifying a code, then the session by its refresh token. */
  'auth.customer.otp': p('public'),
  'auth.customer.session': p('public'),
  'auth.customer.sign-out-everywhere': p(['customer']),
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export function permissionSpec(permission: Permission): PermissionSpec {
  return PERMISSIONS[permission];
}

export function isPermission(name: string): name is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, name);
}
