import type { Actor } from '../api/types';

/** A signed-in user of this browser tab: the bearer token, when it ends, who it is. */
export interface Session {
  token: string;
  expiresAt: string;
  actor: Actor;
  /** Staff email, or the member id of a customer. */
  label: string;
}

const KEY = 'loyalty.console.session';

/** Kept per tab (sessionStorage): closing the tab signs out; nothing lives in a cookie. */
export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return isLive(s, now) ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export function isLive(s: Session, now = Date.now()): boolean {
  return typeof s.token === 'string' && new Date(s.expiresAt).getTime() > now;
}
