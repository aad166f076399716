import { startClocks, meetClocks } from '../sla/sla-clock';
import type { FeedbackCase } from '../cases/case.schema';
import { percentile, serviceKpis } from './service-kpis';

const H = 3_600_000;
const t0 = new Date('2026-03-01T00:00:00.000Z');

/** A case with overrides (only the fields the KPIs read matter). */
function aCase(o: Partial<FeedbackCase> = {}): FeedbackCase {
  return {
    kind: 'complaint',
    category: 'service_attitude',
    openedAt: t0,
    sla: startClocks({ acknowledge: 1440, answer: 2880, resolve: 4320 }, t0),
    firstResolvedAt: null,
    repeatOf: null,
    terms: [],
    survey: null,
    ...o,
  } as FeedbackCase;
}
const survey = (score: number | null) => ({
  surveyId: 's',
  tokenHash: 'h',
  requestedAt: t0,
  expiresAt: t0,
  score,
  comment: null,
  answeredAt: score === null ? null : t0,
  followUpCaseId: null,
});

describe('service KPIs', () => {
  it('nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
  });

  it('complaint rate per 1,000 purchases, resolution and repeats', () => {
    const cases = [aCase({ firstResolvedAt: new Date(t0.getTime() + 10 * H) }), aCase({ repeatOf: 'c1' }), aCase({ kind: 'consultation' })];
    const k = serviceKpis(cases, [], 400);
    expect(k).toMatchObject({ complaints: 2, consultations: 1, purchases: 400, complaintRatePer1000: 5, resolutionRatePercent: 50, repeatRatePercent: 50 });
    expect(k.timeToResolveHours).toEqual({ median: 10, p90: 10 });
    expect(serviceKpis(cases, [], 0).complaintRatePer1000).toBeNull();
  });

  it('on-time shares count only decided clocks', () => {
    const onTime = aCase({ sla: meetClocks(startClocks({ acknowledge: 1440, answer: 2880, resolve: 4320 }, t0), ['acknowledge'], new Date(t0.getTime() + H)) });
    const late = aCase();
    late.sla.acknowledge.breachedAt = new Date(t0.getTime() + 24 * H);
    expect(serviceKpis([onTime, late, aCase()], [], 1).onTimePercent).toEqual({ acknowledge: 50, answer: null, resolve: null });
  });

  it('CSI is satisfied (4-5) over responses, beside the response rate', () => {
    const surveyed = [aCase({ survey: survey(5) }), aCase({ survey: survey(4) }), aCase({ survey: survey(2) }), aCase({ survey: survey(null) })];
    const k = serviceKpis([], surveyed, 0);
    expect(k.csi).toBeCloseTo(66.67, 2);
    expect(k.responseRatePercent).toBe(75);
    expect(k.surveys).toEqual({ requested: 4, answered: 3, satisfied: 2 });
  });

  it('top categories and terms of complaints', () => {
    const k = serviceKpis(
      [
        aCase({ category: 'payment_checkout', terms: ['收银员', '多收钱'] }),
        aCase({ category: 'payment_checkout', terms: ['收银员'] }),
        aCase({ terms: ['态度'] }),
      ],
      [],
      1,
    );
    expect(k.topCategories).toEqual([
      { category: 'payment_checkout', count: 2 },
      { category: 'service_attitude', count: 1 },
    ]);
    expect(k.topTerms[0]).toEqual({ term: '收银员', count: 2 });
  });
});
