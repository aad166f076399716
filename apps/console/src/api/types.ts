import type { components } from './schema';

/** Shapes the console shows, named once (from the generated schema where the document has them). */
type Schemas = components['schemas'];
export type Member = Schemas['MemberResponse'];
export type TierStatus = Schemas['TierStatusResponse'];
export type Balance = Schemas['BalanceResponse'];
export type HistoryItem = Schemas['HistoryItem'];
export type Coupon = Schemas['CouponResponse'];
export type Reward = Schemas['RewardResponse'];
export type AuditEntry = Schemas['AuditLogEntry'];
export type Consent = Schemas['ConsentView'];

/** Roles as the gateway knows them (libs/common ROLES). */
export type Role = 'admin' | 'marketing' | 'service_agent' | 'service_supervisor' | 'store_manager' | 'auditor' | 'customer' | 'pos';

/** The authenticated caller (`GET /v1/auth/me`; the gateway's document gives it no schema yet). */
export interface Actor {
  id: string;
  role: Role;
  storeIds: string[];
  memberId?: string;
}

/** `POST /v1/auth/token` and `POST /v1/auth/customer/demo-token` (no schema in the document yet). */
export interface IssuedToken {
  accessToken: string;
  expiresAt: string;
  actor?: Actor;
}

/** `GET /v1/me/status`: the gateway's aggregate of members and points; a part is null when its service did not answer. */
export interface MemberStatus {
  memberId: string;
  membership: TierStatus | null;
  points: Balance | null;
  coupons: Schemas['CouponListResponse'] | null;
  partial: boolean;
  unavailable: string[];
}

/** Nullable personal fields are typed loosely in the document; they are strings or null. */
export function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export type TierConfig = Schemas['TierConfigResponse'];
export type Simulation = Schemas['SimulationResponse'];
export type RuleSet = Schemas['RuleSetResponse'];
export type Campaign = Schemas['CampaignResponse'];

// The gateway's own administration routes have no response schema in the document yet: these
// mirror apps/gateway (staff.schema.ts, stores.schema.ts) as JSON.
export interface StaffUser {
  _id: string;
  email: string;
  displayName: string;
  role: Exclude<Role, 'customer' | 'pos'>;
  storeIds: string[];
  active: boolean;
  createdAt: string;
}

export interface Store {
  _id: string;
  name: string;
  active: boolean;
  createdAt: string;
}

export interface ApiKey {
  _id: string;
  storeId: string;
  prefix: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
