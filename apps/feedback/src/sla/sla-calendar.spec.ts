import { businessCalendar, CALENDAR_HOURS, type BusinessHours } from './sla-calendar';
import { pauseClocks, resumeClocks, startClocks } from './sla-clock';

/** Shanghai store hours 09:00-21:00, Monday to Saturday, closed on National Day. */
const hours = (o: Partial<BusinessHours> = {}): BusinessHours => ({
  openMinute: 9 * 60,
  closeMinute: 21 * 60,
  days: [1, 2, 3, 4, 5, 6],
  holidays: ['2026-10-01'],
  utcOffsetMinutes: 480,
  ...o,
});
const utc = (s: string) => new Date(s);

describe('SLA calendars', () => {
  const business = businessCalendar(hours());

  it('calendar hours count every minute', () => {
    expect(CALENDAR_HOURS.add(utc('2026-03-06T12:00:00Z'), 90)).toEqual(utc('2026-03-06T13:30:00Z'));
    expect(CALENDAR_HOURS.between(utc('2026-03-06T12:00:00Z'), utc('2026-03-06T13:30:00Z'))).toBe(90);
  });

  it('business hours skip nights, Sundays and holidays (local time UTC+8)', () => {
    // Friday 20:00 Shanghai (12:00Z) + 2 h = 1 h on Friday, 1 h from Saturday 09:00 -> Saturday 10:00 local.
    expect(business.add(utc('2026-03-06T12:00:00Z'), 120)).toEqual(utc('2026-03-07T02:00:00Z'));
    // Saturday 20:30 local + 1 h: 30 min on Saturday, Sunday closed, Monday 09:30 local.
    expect(business.add(utc('2026-03-07T12:30:00Z'), 60)).toEqual(utc('2026-03-09T01:30:00Z'));
    // Opened at night: counting starts at opening.
    expect(business.add(utc('2026-03-09T16:00:00Z'), 30)).toEqual(utc('2026-03-10T01:30:00Z'));
    // National Day (Thursday 2026-10-01) does not count.
    expect(business.add(utc('2026-09-30T12:00:00Z'), 120)).toEqual(utc('2026-10-02T02:00:00Z'));
    // 24 business hours = two 12-hour days.
    expect(business.add(utc('2026-03-09T01:00:00Z'), 24 * 60)).toEqual(utc('2026-03-10T13:00:00Z'));
  });

  it('counts business minutes between two instants', () => {
    expect(business.between(utc('2026-03-06T12:00:00Z'), utc('2026-03-07T02:00:00Z'))).toBe(120);
    expect(business.between(utc('2026-03-07T13:00:00Z'), utc('2026-03-09T01:00:00Z'))).toBe(0);
    expect(business.between(utc('2026-03-09T02:00:00Z'), utc('2026-03-09T01:00:00Z'))).toBe(0);
  });

  it('a pause over the weekend moves a business deadline by the open hours it covered', () => {
    const start = utc('2026-03-06T02:00:00Z'); // Friday 10:00 local
    const clocks = startClocks({ acknowledge: 60, answer: 8 * 60, resolve: 24 * 60 }, start, business);
    expect(clocks.answer.dueAt).toEqual(utc('2026-03-06T10:00:00Z')); // Friday 18:00 local
    const paused = pauseClocks(clocks, utc('2026-03-06T06:00:00Z')); // Friday 14:00 local: 4 h left on answer
    const resumed = resumeClocks(paused, utc('2026-03-09T01:00:00Z'), business); // Monday 09:00 local
    expect(resumed.answer.dueAt).toEqual(utc('2026-03-09T05:00:00Z')); // Monday 13:00 local
  });

  it('a calendar without open days fails loudly', () => {
    expect(() => businessCalendar(hours({ days: [] })).add(utc('2026-03-06T02:00:00Z'), 1)).toThrow(/no open time/);
  });
});
