import type { CaseKind, CaseSeverity } from '../cases/case.model';
import { businessCalendar, CALENDAR_HOURS, type BusinessHours, type SlaCalendar } from './sla-calendar';
import type { SlaTargets } from './sla-clock';

const H = 60;

/**
 * Default deadlines in calendar minutes (DOMAIN.md): complaints acknowledged in 24 h, answered
 * in 48 h, resolved in 72 h; after-sales requests handled initially in 24 h, answered in 48 h,
 * reported back in 3 days; urgent cases tighter, routine ones looser.
 */
export const DEFAULT_SLA_TARGETS: Record<CaseKind, Record<CaseSeverity, SlaTargets>> = {
  complaint: {
    urgent: { acknowledge: 2 * H, answer: 12 * H, resolve: 24 * H },
    normal: { acknowledge: 24 * H, answer: 48 * H, resolve: 72 * H },
    routine: { acknowledge: 24 * H, answer: 72 * H, resolve: 120 * H },
  },
  consultation: {
    urgent: { acknowledge: 1 * H, answer: 4 * H, resolve: 24 * H },
    normal: { acknowledge: 24 * H, answer: 24 * H, resolve: 48 * H },
    routine: { acknowledge: 24 * H, answer: 48 * H, resolve: 72 * H },
  },
  after_sales: {
    urgent: { acknowledge: 4 * H, answer: 24 * H, resolve: 48 * H },
    normal: { acknowledge: 24 * H, answer: 48 * H, resolve: 72 * H },
    routine: { acknowledge: 24 * H, answer: 72 * H, resolve: 120 * H },
  },
};

/** A policy as copied onto a case when it opens (a later policy change moves no existing deadline). */
export const SLA_CALENDARS = ['calendar', 'business'] as const;
export type SlaCalendarKind = (typeof SLA_CALENDARS)[number];

export interface SlaPolicySnapshot {
  policyId: string;
  version: number;
  /** calendar: around the clock (default); business: open hours only, holidays excluded. */
  calendar: SlaCalendarKind;
  targets: SlaTargets;
  /** The business hours in force when the case opened (business calendar only). */
  businessHours?: BusinessHours;
}

/** How a case's deadlines are counted, from its own copy of the policy. */
export function calendarOf(policy: SlaPolicySnapshot): SlaCalendar {
  return policy.calendar === 'business' && policy.businessHours ? businessCalendar(policy.businessHours) : CALENDAR_HOURS;
}

export const policyId = (kind: CaseKind, severity: CaseSeverity) => `${kind}:${severity}`;
