/**
 * Pure delivery rules: quiet hours in a time zone, the frequency cap, retry backoff, and which
 * SMTP failures are worth retrying. No I/O; the clock's instant is passed in.
 */

export interface QuietHours {
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
}

/** `21:00-08:00` -> window; `off` (or anything else) -> none. */
export function parseQuietHours(spec: string): QuietHours | null {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec);
  if (!m) return null;
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  return startMinute === endMinute ? null : { startMinute, endMinute };
}

/** Minutes after local midnight of an instant in a time zone, and the seconds into that minute. */
export function localTime(at: Date, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minute: get('hour') * 60 + get('minute'), second: get('second') };
}

/**
 * When marketing may go out again: null if `at` is outside quiet hours, else the instant the quiet
 * window ends (local time in `timeZone`; the window may wrap midnight).
 */
export function quietUntil(at: Date, timeZone: string, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const { minute, second } = localTime(at, timeZone);
  const { startMinute: s, endMinute: e } = quiet;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return null;
  const minutesLeft = (e - minute + 1440) % 1440;
  return new Date(at.getTime() + minutesLeft * 60_000 - second * 1000 - at.getUTCMilliseconds());
}

/** Delay before retry number `attempt` (1 = first retry): doubling from `baseMs`, capped. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Whether one more marketing message would break the cap (`count` sent within the window). */
export function capReached(sentInWindow: number, capCount: number): boolean {
  return capCount > 0 && sentInWindow >= capCount;
}

export type SendFailure = { temporary: true; reason: string } | { temporary: false; reason: string };

/**
 * SMTP replies 5xx are permanent (the address or the message is refused: retrying changes
 * nothing); 4xx replies, connection failures and timeouts before the message went out are temporary.
 */
export function classifySmtpError(err: unknown): SendFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { responseCode?: unknown; code?: unknown; command?: unknown };
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const reason = status ? `smtp_${status}` : `smtp_${code.toLowerCase()}`;
  if (status !== null && status >= 500 && status < 600) return { temporary: false, reason };
  // The connection died after the message went out and before the server's answer: it may have
  // been accepted. Sending again could deliver it twice; at most once means giving up.
  if (status === null && e.command === 'DATA') return { temporary: false, reason: 'outcome_unknown' };
  return { temporary: true, reason };
}
