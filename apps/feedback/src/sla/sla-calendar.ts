const MINUTE = 60_000;
const DAY = 86_400_000;

/** How deadline minutes are counted: around the clock, or only within business hours. */
export interface SlaCalendar {
  /** The instant `minutes` counted minutes after `from`. */
  add(from: Date, minutes: number): Date;
  /** Counted minutes in [from, to) (0 when to <= from). */
  between(from: Date, to: Date): number;
}

export const CALENDAR_HOURS: SlaCalendar = {
  add: (from, minutes) => new Date(from.getTime() + minutes * MINUTE),
  between: (from, to) => Math.max(0, (to.getTime() - from.getTime()) / MINUTE),
};

/** Business hours as copied onto a case: local opening time, working weekdays, holidays. */
export interface BusinessHours {
  /** Minutes after local midnight, e.g. 540 = 09:00. */
  openMinute: number;
  closeMinute: number;
  /** ISO weekdays 1 (Monday) .. 7 (Sunday). */
  days: number[];
  /** Local dates YYYY-MM-DD without service. */
  holidays: string[];
  /** Local time = UTC + this (China: 480). */
  utcOffsetMinutes: number;
}

/** Longest span searched for open hours (a calendar with no open day would loop forever). */
const MAX_DAYS = 3 * 366;

/**
 * Counting only open minutes: a deadline of 24 business hours opened on Friday evening falls on
 * a later working day; weekends and holidays do not count.
 */
export function businessCalendar(h: BusinessHours): SlaCalendar {
  const offset = h.utcOffsetMinutes * MINUTE;
  /** The open window [start, end) of the local day containing `at`, or null when closed that day. */
  const windowOf = (localDayStart: number): [number, number] | null => {
    const local = new Date(localDayStart);
    const iso = local.toISOString().slice(0, 10);
    const weekday = ((local.getUTCDay() + 6) % 7) + 1;
    if (!h.days.includes(weekday) || h.holidays.includes(iso)) return null;
    return [localDayStart - offset + h.openMinute * MINUTE, localDayStart - offset + h.closeMinute * MINUTE];
  };
  const localDayStartOf = (at: number) => Math.floor((at + offset) / DAY) * DAY;

  return {
    add(from, minutes) {
      let remaining = minutes * MINUTE;
      let cursor = from.getTime();
      let day = localDayStartOf(cursor);
      for (let i = 0; i < MAX_DAYS; i++, day += DAY) {
        const w = windowOf(day);
        if (!w) continue;
        const start = Math.max(cursor, w[0]);
        if (start >= w[1]) continue;
        if (remaining <= w[1] - start) return new Date(start + remaining);
        remaining -= w[1] - start;
        cursor = w[1];
      }
      throw new Error('business hours have no open time within three years');
    },
    between(from, to) {
      let total = 0;
      const end = to.getTime();
      let day = localDayStartOf(from.getTime());
      for (let i = 0; i < MAX_DAYS && day - offset < end; i++, day += DAY) {
        const w = windowOf(day);
        if (!w) continue;
        const start = Math.max(from.getTime(), w[0]);
        const stop = Math.min(end, w[1]);
        if (stop > start) total += stop - start;
      }
      return total / MINUTE;
    },
  };
}
