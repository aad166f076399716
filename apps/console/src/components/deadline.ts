import type { SlaClock } from '../api/types';

export type DeadlineState = 'met' | 'paused' | 'breached' | 'warning' | 'running';

/** Where one SLA clock stands at `now`: met, paused (awaiting the customer), breached, past 75 % (warning) or running. */
export function clockState(clock: SlaClock, now: number): DeadlineState {
  if (clock.metAt) return 'met';
  if (clock.breachedAt || Date.parse(clock.dueAt) <= now) return 'breached';
  if (clock.pausedSince) return 'paused';
  if (Date.parse(clock.warnAt) <= now) return 'warning';
  return 'running';
}

/** "2 h 05 min" from milliseconds. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min`;
}

/** Amber from 75 % of the time, red at the breach (solid colours: readable small text). */
