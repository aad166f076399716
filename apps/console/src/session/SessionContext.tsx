import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureClient } from '../api/client';
import { isLive, loadSession, saveSession, type Session } from './session';

interface SessionState {
  session: Session | null;
  /** Why the user was signed out (shown on the sign-in page). */
  signedOutBecause: 'expired' | null;
  signIn(session: Session): void;
  signOut(reason?: 'expired'): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [signedOutBecause, setReason] = useState<'expired' | null>(null);

  const signOut = useCallback((reason?: 'expired') => {
    saveSession(null);
    setSession(null);
    setReason(reason ?? null);
  }, []);
  const signIn = useCallback((s: Session) => {
    saveSession(s);
    setReason(null);
    setSession(s);
  }, []);

  // The API client sends this session's token; a 401 on it means the token ended: sign in again.
  // Set while rendering, not in an effect: pages (children) fetch in their effects, which run first.
  configureClient(
    () => session?.token ?? null,
    () => signOut('expired'),
  );

  // A token that runs out while the page is open leads back to sign-in.
  useEffect(() => {
    if (!session) return;
    if (!isLive(session)) {
      signOut('expired');
      return;
    }
    const ms = Math.min(new Date(session.expiresAt).getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => signOut('expired'), ms);
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, signedOutBecause, signIn, signOut }), [session, signedOutBecause, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
