import { SATISFIED_MIN_SCORE } from '../cases/case.model';
import type { FeedbackCase } from '../cases/case.schema';
import { metOnTime, SLA_CLOCKS, type SlaClockName } from '../sla/sla-clock';
import { topTerms } from '../text/complaint-terms';

const HOUR = 3_600_000;

export interface ServiceKpis {
  complaints: number;
  consultations: number;
  afterSales: number;
  purchases: number;
  /** Complaints per 1,000 purchases (target <= 10, i.e. a complaint rate <= 1 %); null without purchases. */
  complaintRatePer1000: number | null;
  /** Share of complaints resolved (target >= 95 %). */
  resolutionRatePercent: number | null;
  /** Share of complaints whose deadline was met on time, of those decided (met or breached). */
  onTimePercent: Record<SlaClockName, number | null>;
  timeToResolveHours: { median: number | null; p90: number | null };
  /** Satisfied (4-5) / responses x 100 (target >= 90). */
  csi: number | null;
  responseRatePercent: number | null;
  surveys: { requested: number; answered: number; satisfied: number };
  repeatRatePercent: number | null;
  topCategories: Array<{ category: string; count: number }>;
  topTerms: Array<{ term: string; count: number }>;
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** The KPIs the standards set, from the cases opened and the surveys requested in a period (pure). */
export function serviceKpis(opened: FeedbackCase[], surveyed: FeedbackCase[], purchases: number): ServiceKpis {
  const complaints = opened.filter((c) => c.kind === 'complaint');
  const onTimePercent = Object.fromEntries(
    SLA_CLOCKS.map((clock) => {
      const decided = complaints.map((c) => metOnTime(c.sla[clock])).filter((v): v is boolean => v !== null);
      return [clock, pct(decided.filter(Boolean).length, decided.length)];
    }),
  ) as Record<SlaClockName, number | null>;
  const resolveHours = complaints
    .filter((c) => c.firstResolvedAt)
    .map((c) => Math.round(((new Date(c.firstResolvedAt!).getTime() - new Date(c.openedAt).getTime()) / HOUR) * 100) / 100)
    .sort((a, b) => a - b);
  const answered = surveyed.filter((c) => c.survey?.answeredAt);
  const satisfied = answered.filter((c) => (c.survey?.score ?? 0) >= SATISFIED_MIN_SCORE).length;
  const categories = new Map<string, number>();
  for (const c of complaints) categories.set(c.category, (categories.get(c.category) ?? 0) + 1);
  return {
    complaints: complaints.length,
    consultations: opened.filter((c) => c.kind === 'consultation').length,
    afterSales: opened.filter((c) => c.kind === 'after_sales').length,
    purchases,
    complaintRatePer1000: purchases === 0 ? null : Math.round((complaints.length / purchases) * 1000 * 100) / 100,
    resolutionRatePercent: pct(complaints.filter((c) => c.firstResolvedAt).length, complaints.length),
    onTimePercent,
    timeToResolveHours: { median: percentile(resolveHours, 50), p90: percentile(resolveHours, 90) },
    csi: pct(satisfied, answered.length),
    responseRatePercent: pct(answered.length, surveyed.length),
    surveys: { requested: surveyed.length, answered: answered.length, satisfied },
    repeatRatePercent: pct(complaints.filter((c) => c.repeatOf).length, complaints.length),
    topCategories: [...categories.entries()]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    topTerms: topTerms(
      complaints.map((c) => c.terms),
      15,
    ),
  };
}
