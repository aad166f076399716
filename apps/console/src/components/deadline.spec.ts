import type { SlaClock } from '../api/types';
import { clockState, formatSpan } from './deadline';

const T0 = Date.parse('2026-12-01T00:00:00.000Z');
const H = 3_600_000;
const clock = (over: Partial<SlaClock> = {}): SlaClock => ({
  targetMinutes: 24 * 60,
  dueAt: new Date(T0 + 24 * H).toISOString(),
  warnAt: new Date(T0 + 18 * H).toISOString(),
  pausedMs: 0,
  pausedSince: null,
  metAt: null,
  warnedAt: null,
  breachedAt: null,
  cycle: 1,
  ...over,
});

describe('case deadlines as the service desk shows them', () => {
  it('runs until 75 % of the time, then warns, then is breached at the deadline', () => {
    expect(clockState(clock(), T0 + 17 * H)).toBe('running');
    expect(clockState(clock(), T0 + 18 * H)).toBe('warning');
    expect(clockState(clock(), T0 + 24 * H)).toBe('breached');
  });

  it('is breached once the service recorded it, even before this browser reaches the deadline', () => {
    expect(clockState(clock({ breachedAt: new Date(T0).toISOString() }), T0)).toBe('breached');
  });

  it('is paused while awaiting the customer, and met once met (even late)', () => {
    expect(clockState(clock({ pausedSince: new Date(T0 + H).toISOString() }), T0 + 20 * H)).toBe('paused');
    expect(clockState(clock({ metAt: new Date(T0 + 30 * H).toISOString(), breachedAt: new Date(T0 + 24 * H).toISOString() }), T0 + 40 * H)).toBe('met');
  });

  it('writes spans in days, hours or minutes', () => {
    expect(formatSpan(5 * 60_000)).toBe('5 min');
    expect(formatSpan(2 * H + 5 * 60_000)).toBe('2 h 05 min');
    expect(formatSpan(-(26 * H))).toBe('1 d 2 h');
  });
});
