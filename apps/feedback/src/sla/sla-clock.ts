import { SLA_CLOCKS } from '@app/contracts';
import { CALENDAR_HOURS, type SlaCalendar } from './sla-calendar';

export { SLA_CLOCKS };
export type SlaClockName = (typeof SLA_CLOCKS)[number];

/**
 * One deadline of a case. `dueAt` and `warnAt` move later by the time spent paused (awaiting the
 * customer); `cycle` counts restarts (a reopened case's resolve clock), so a warning and a breach
 * happen at most once per case, clock and cycle.
 */
export interface SlaClock {
  targetMinutes: number;
  startedAt: Date;
  dueAt: Date;
  warnAt: Date;
  pausedMs: number;
  pausedSince: Date | null;
  metAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  cycle: number;
}

export type SlaClocks = Record<SlaClockName, SlaClock>;
export type SlaTargets = Record<SlaClockName, number>;

/** The scheduler warns when this share of a deadline has passed. */
export const WARN_AT_SHARE = 0.75;

export function startClock(targetMinutes: number, at: Date, cycle = 0, calendar: SlaCalendar = CALENDAR_HOURS): SlaClock {
  return {
    targetMinutes,
    startedAt: at,
    dueAt: calendar.add(at, targetMinutes),
    warnAt: calendar.add(at, Math.round(targetMinutes * WARN_AT_SHARE)),
    pausedMs: 0,
    pausedSince: null,
    metAt: null,
    warnedAt: null,
    breachedAt: null,
    cycle,
  };
}

export function startClocks(targets: SlaTargets, at: Date, calendar: SlaCalendar = CALENDAR_HOURS): SlaClocks {
  return {
    acknowledge: startClock(targets.acknowledge, at, 0, calendar),
    answer: startClock(targets.answer, at, 0, calendar),
    resolve: startClock(targets.resolve, at, 0, calendar),
  };
}

const running = (c: SlaClock) => c.metAt === null && c.pausedSince === null;

/** Stop the clocks still running (the case awaits the customer). */
export function pauseClocks(clocks: SlaClocks, at: Date): SlaClocks {
  return mapClocks(clocks, (c) => (running(c) ? { ...c, pausedSince: at } : c));
}

/**
 * Restart paused clocks: what was left of each deadline when it paused (in counted minutes) is
 * counted again from now, so deadlines move later by the pause (by exactly the pause on calendar hours).
 */
export function resumeClocks(clocks: SlaClocks, at: Date, calendar: SlaCalendar = CALENDAR_HOURS): SlaClocks {
  return mapClocks(clocks, (c) => {
    if (c.pausedSince === null || c.metAt !== null) return { ...c, pausedSince: null };
    const since = new Date(c.pausedSince);
    const paused = Math.max(0, at.getTime() - since.getTime());
    const moved = (deadline: Date) =>
      new Date(deadline).getTime() <= since.getTime() ? deadline : calendar.add(at, calendar.between(since, new Date(deadline)));
    return { ...c, pausedSince: null, pausedMs: c.pausedMs + paused, dueAt: moved(c.dueAt), warnAt: moved(c.warnAt) };
  });
}

/** Mark clocks met (a clock met once stays met with its first time). */
export function meetClocks(clocks: SlaClocks, names: readonly SlaClockName[], at: Date): SlaClocks {
  return mapClocks(clocks, (c, name) => (names.includes(name) && c.metAt === null ? { ...c, metAt: at, pausedSince: null } : c));
}

/** A new cycle of one clock from `at` (reopening restarts the resolve deadline). */
export function restartClock(clocks: SlaClocks, name: SlaClockName, at: Date, calendar: SlaCalendar = CALENDAR_HOURS): SlaClocks {
  return { ...clocks, [name]: startClock(clocks[name].targetMinutes, at, clocks[name].cycle + 1, calendar) };
}

/** Met within its deadline (null while neither met nor breached). */
export function metOnTime(c: SlaClock): boolean | null {
  if (c.metAt) return c.breachedAt === null && c.metAt.getTime() <= c.dueAt.getTime();
  return c.breachedAt ? false : null;
}

/** The earliest deadline still running, for "due soonest first" queues. */
export function nextDue(clocks: SlaClocks): Date | null {
  const due = SLA_CLOCKS.map((n) => clocks[n])
    .filter(running)
    .map((c) => c.dueAt.getTime());
  return due.length ? new Date(Math.min(...due)) : null;
}

/** Clocks that passed their deadline unmet. */
export function breachedClocks(clocks: SlaClocks): SlaClockName[] {
  return SLA_CLOCKS.filter((n) => clocks[n].breachedAt !== null && clocks[n].metAt === null);
}

function mapClocks(clocks: SlaClocks, f: (c: SlaClock, name: SlaClockName) => SlaClock): SlaClocks {
  return { acknowledge: f(clocks.acknowledge, 'acknowledge'), answer: f(clocks.answer, 'answer'), resolve: f(clocks.resolve, 'resolve') };
}
