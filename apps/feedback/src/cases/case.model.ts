import { CASE_CATEGORIES, CASE_KINDS, CASE_OUTCOMES, CASE_SEVERITIES } from '@app/contracts';

/** The vocabulary of a feedback case (DOMAIN.md: complaint handling, consultations, after-sales). */
export { CASE_CATEGORIES, CASE_KINDS, CASE_OUTCOMES, CASE_SEVERITIES };
export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Subtypes per kind: the standards' feedback classes, consultation topics, after-sales requests. */
export const CASE_SUBTYPES: Record<CaseKind, readonly string[]> = {
  complaint: ['complaint', 'major_complaint', 'suggestion', 'unclassified'],
  consultation: ['product', 'membership', 'store_info', 'order', 'other'],
  after_sales: ['return', 'exchange', 'repair', 'warranty'],
};
export const ALL_SUBTYPES = [...new Set(Object.values(CASE_SUBTYPES).flat())];

export const CASE_CHANNELS = ['store', 'phone', 'web', 'app', 'social', 'email', 'suggestion_box'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CASE_STATUSES = ['new', 'acknowledged', 'investigating', 'awaiting_customer', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses a staff member moves a case to with a plain transition (resolution and reopening have their own commands). */
export const TRANSITION_TARGETS = ['acknowledged', 'investigating', 'awaiting_customer', 'closed'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

/** The status flow: new -> acknowledged -> investigating <-> awaiting customer -> resolved -> closed. */
const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['acknowledged'],
  acknowledged: ['investigating', 'awaiting_customer', 'resolved'],
  investigating: ['awaiting_customer', 'resolved'],
  awaiting_customer: ['investigating', 'resolved'],
  resolved: ['closed'],
  closed: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'acknowledged', 'investigating', 'awaiting_customer'];

export const TEAMS = ['service', 'supervisors'] as const;
export type Team = (typeof TEAMS)[number];

/** Survey scores of 4 and 5 are "satisfied" (CSI); 1 and 2 open a follow-up case. */
export const SATISFIED_MIN_SCORE = 4;
export const FOLLOW_UP_MAX_SCORE = 2;
/** Same member or contact, same category, within this many days: a repeat complaint. */
export const REPEAT_WINDOW_DAYS = 30;
