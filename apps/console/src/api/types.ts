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

/** A feedback case (`CaseView`); the document types its nested parts as bare objects, so they are named here. */
export type Case = Omit<Schemas['CaseView'], 'sla' | 'history' | 'escalations' | 'resolution' | 'compensation'> & {
  sla: Partial<Record<SlaClockName, SlaClock>>;
  history: CaseHistoryEntry[];
  escalations: CaseEscalation[];
  resolution: { outcomes: string[]; note: string | null; resolvedAt: string | null } | null;
  compensation: { points: number; status: string } | null;
};
export type SlaClockName = 'acknowledge' | 'answer' | 'resolve';
export const SLA_CLOCK_NAMES: readonly SlaClockName[] = ['acknowledge', 'answer', 'resolve'];
export interface SlaClock {
  targetMinutes: number;
  dueAt: string;
  warnAt: string;
  pausedMs: number;
  pausedSince: string | null;
  metAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  cycle: number;
}
export interface CaseHistoryEntry {
  at: string;
  actor: { id?: string; role?: string } | null;
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
}
export interface CaseEscalation {
  level: number;
  reason: string;
  at: string;
  note?: string | null;
}

/** The answer of a case call as the console reads it. */
export const asCase = (c: Schemas['CaseView']): Case => c as unknown as Case;

export type CaseSubtype = Schemas['OpenCaseDto']['subtype'];

/** The case model of the feedback service (`apps/feedback/src/cases/case.model.ts`). */
export const CASE_KINDS = ['complaint', 'consultation', 'after_sales'] as const satisfies readonly Schemas['OpenCaseDto']['kind'][];
export const CASE_SUBTYPES: Record<(typeof CASE_KINDS)[number], readonly string[]> = {
  complaint: ['complaint', 'major_complaint', 'suggestion', 'unclassified'],
  consultation: ['product', 'membership', 'store_info', 'order', 'other'],
  after_sales: ['return', 'exchange', 'repair', 'warranty'],
};
export const CASE_CATEGORIES = ['product_quality', 'service_attitude', 'payment_checkout', 'returns_exchanges', 'store_environment', 'promotion_dispute', 'other'] as const satisfies readonly Schemas['OpenCaseDto']['category'][];
export const CASE_SEVERITIES = ['urgent', 'normal', 'routine'] as const satisfies readonly Schemas['OpenCaseDto']['severity'][];
export const CASE_CHANNELS = ['store', 'phone', 'web', 'app', 'social', 'email', 'suggestion_box'] as const satisfies readonly Schemas['OpenCaseDto']['channel'][];
export const CASE_STATUSES = ['new', 'acknowledged', 'investigating', 'awaiting_customer', 'resolved', 'closed'] as const;
export const CASE_OUTCOMES = ['refund', 'exchange', 'repair', 'compensation_points', 'coupon', 'apology', 'process_change', 'information'] as const satisfies readonly Schemas['ResolveDto']['outcomes'][number][];

/** `GET /v1/feedback/metrics` (the document has no response schema for it yet: `MetricsReport` in apps/feedback). */
export interface ServiceMetrics {
  storeId: string | null;
  from: string;
  to: string;
  complaints: number;
  consultations: number;
  afterSales: number;
  purchases: number;
  complaintRatePer1000: number | null;
  resolutionRatePercent: number | null;
  onTimePercent: Record<SlaClockName, number | null>;
  timeToResolveHours: { median: number | null; p90: number | null };
  csi: number | null;
  responseRatePercent: number | null;
  surveys: { requested: number; answered: number; satisfied: number };
  repeatRatePercent: number | null;
  topCategories: Array<{ category: string; count: number }>;
  topTerms: Array<{ term: string; count: number }>;
}
