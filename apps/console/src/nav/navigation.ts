import { OPERATION_ROLES, type Operation } from '../api/operation-roles';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/messages';

/**
 * The console's pages and what each needs from the API. A page is in a user's navigation when
 * their role may call every operation it `needs` (roles from the permission catalogue, via the
 * gateway's document), so the menu never offers what the gateway would refuse.
 */
export interface NavPage {
  key: string;
  /** Route under /console. */
  path: string;
  label: MessageKey;
  /** Menu group; pages of one group are shown together. */
  group: 'customer' | 'members' | 'service' | 'marketing' | 'programme' | 'administration' | 'compliance';
  needs: readonly Operation[];
  /** Pages reached from another page (member 360) are routed but not in the menu. */
  inMenu: boolean;
}

export const PAGES: readonly NavPage[] = [
  {
    key: 'me',
    path: '/me',
    label: 'nav.myMembership',
    group: 'customer',
    needs: ['GET /v1/me/status', 'GET /v1/members/{memberId}/points/history', 'GET /v1/me/cases'],
    inMenu: true,
  },
  { key: 'members', path: '/members', label: 'nav.members', group: 'members', needs: ['GET /v1/members/lookup'], inMenu: true },
  {
    key: 'member',
    path: '/members/:memberId',
    label: 'member.title',
    group: 'members',
    needs: ['GET /v1/members/{memberId}', 'GET /v1/members/{memberId}/points/balance', 'GET /v1/members/{memberId}/tier-status'],
    inMenu: false,
  },
  { key: 'service-desk', path: '/service-desk', label: 'nav.serviceDesk', group: 'service', needs: ['GET /v1/feedback/cases'], inMenu: true },
  { key: 'case', path: '/service-desk/cases/:caseId', label: 'case.title', group: 'service', needs: ['GET /v1/feedback/cases/{caseId}'], inMenu: false },
  { key: 'kpis', path: '/kpis', label: 'nav.kpis', group: 'service', needs: ['GET /v1/feedback/metrics'], inMenu: true },
  { key: 'segments', path: '/segments', label: 'nav.segments', group: 'marketing', needs: ['GET /v1/segments', 'GET /v1/segments/grid'], inMenu: true },
  { key: 'campaigns', path: '/campaigns', label: 'nav.campaigns', group: 'marketing', needs: ['GET /v1/campaigns'], inMenu: true },
  { key: 'programme', path: '/programme', label: 'nav.programme', group: 'programme', needs: ['GET /v1/tiers', 'GET /v1/points/rules'], inMenu: true },
  { key: 'rewards', path: '/rewards', label: 'nav.rewards', group: 'programme', needs: ['GET /v1/rewards'], inMenu: true },
  {
    key: 'stores',
    path: '/stores',
    label: 'nav.stores',
    group: 'administration',
    needs: ['GET /v1/stores', 'GET /v1/stores/{storeId}/api-keys'],
    inMenu: true,
  },
  { key: 'staff', path: '/staff', label: 'nav.staff', group: 'administration', needs: ['GET /v1/staff'], inMenu: true },
  { key: 'audit-log', path: '/audit-log', label: 'nav.auditLog', group: 'compliance', needs: ['GET /v1/audit-log'], inMenu: true },
];

/** May this role call this operation (per the catalogue)? */
export function mayCall(role: Role, operation: Operation): boolean {
  const roles: readonly string[] | 'public' = OPERATION_ROLES[operation];
  return roles === 'public' || roles.includes(role);
}

export function pagesFor(role: Role): NavPage[] {
  return PAGES.filter((p) => p.needs.every((op) => mayCall(role, op)));
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  const first = pagesFor(role).find((p) => p.inMenu);
  return first?.path ?? '/no-access';
}
