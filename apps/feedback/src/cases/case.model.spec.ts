import { canTransition, CASE_STATUSES, CASE_SUBTYPES, type CaseStatus } from './case.model';

describe('case status flow', () => {
  const allowed: Array<[CaseStatus, CaseStatus]> = [
    ['new', 'acknowledged'],
    ['acknowledged', 'investigating'],
    ['acknowledged', 'awaiting_customer'],
    ['acknowledged', 'resolved'],
    ['investigating', 'awaiting_customer'],
    ['investigating', 'resolved'],
    ['awaiting_customer', 'investigating'],
    ['awaiting_customer', 'resolved'],
    ['resolved', 'closed'],
  ];

  it('allows exactly the standard flow', () => {
    const all = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as [CaseStatus, CaseStatus]));
    const actual = all.filter(([from, to]) => canTransition(from, to));
    expect(actual).toEqual(allowed);
  });

  it('has the after-sales requests of the standards as subtypes', () => {
    expect(CASE_SUBTYPES.after_sales).toEqual(['return', 'exchange', 'repair', 'warranty']);
  });
});
