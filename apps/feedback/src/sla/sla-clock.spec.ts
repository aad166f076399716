import { breachedClocks, meetClocks, metOnTime, nextDue, pauseClocks, restartClock, resumeClocks, startClocks } from './sla-clock';

const H = 3_600_000;
const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const clocks = (targets = { acknowledge: 24 * 60, answer: 48 * 60, resolve: 72 * 60 }) => startClocks(targets, t0);

describe('SLA clocks', () => {
  it('start with deadlines and 75 % warning points from the policy', () => {
    const c = clocks();
    expect(c.answer.dueAt).toEqual(at(48));
    expect(c.answer.warnAt).toEqual(at(36));
    expect(nextDue(c)).toEqual(at(24));
  });

  it('move deadlines later by the time spent awaiting the customer', () => {
    const paused = pauseClocks(meetClocks(clocks(), ['acknowledge'], at(1)), at(10));
    expect(paused.answer.pausedSince).toEqual(at(10));
    expect(paused.acknowledge.pausedSince).toBeNull();
    expect(nextDue(paused)).toBeNull();
    const resumed = resumeClocks(paused, at(16));
    expect(resumed.answer).toMatchObject({ pausedSince: null, pausedMs: 6 * H, dueAt: at(54), warnAt: at(42) });
    expect(resumed.resolve.dueAt).toEqual(at(78));
    expect(resumed.acknowledge.dueAt).toEqual(at(24));
  });

  it('keep the first time a clock was met', () => {
    const met = meetClocks(meetClocks(clocks(), ['answer'], at(5)), ['answer', 'resolve'], at(9));
    expect(met.answer.metAt).toEqual(at(5));
    expect(met.resolve.metAt).toEqual(at(9));
    expect(metOnTime(met.answer)).toBe(true);
    expect(metOnTime(met.acknowledge)).toBeNull();
  });

  it('count a clock met after its breach as late', () => {
    const c = clocks();
    const breached = { ...c, answer: { ...c.answer, breachedAt: at(48) } };
    expect(breachedClocks(breached)).toEqual(['answer']);
    const late = meetClocks(breached, ['answer'], at(50));
    expect(metOnTime(late.answer)).toBe(false);
    expect(breachedClocks(late)).toEqual([]);
  });

  it('restart one clock in a new cycle (a reopened case)', () => {
    const done = meetClocks(clocks(), ['acknowledge', 'answer', 'resolve'], at(30));
    const reopened = restartClock(done, 'resolve', at(100));
    expect(reopened.resolve).toMatchObject({ cycle: 1, metAt: null, breachedAt: null, warnedAt: null, dueAt: at(172) });
    expect(reopened.answer.metAt).toEqual(at(30));
  });
});
