/**
 * Who is signed in: the user, the CSRF token and whether the server runs in demo mode. Loaded from /auth/me at
 * start (the cookie survives a reload, the token is given again), set by sign-in, cleared by sign-out or by any
 * 401 from the API.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, call, setAuthHandlers, setCsrfToken } from './api.ts';
import { authRoutes } from '../shared/api/auth.ts';
import { clearApiCache } from './hooks/useApi.ts';
import type { Me, SessionResponse } from './types.ts';

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; session: SessionResponse };

export interface Session {
  state: State;
  /** The signed-in user, when there is one. */
  user: Me | undefined;
  demoMode: boolean;
  login: (input: { username: string; password: string; otp?: string }) => Promise<SessionResponse>;
  logout: () => Promise<void>;
  /** Re-reads /auth/me (after a password change). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signedIn', session });
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await call(authRoutes.me));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ status: 'anonymous' });
      else throw e;
    }
  }, [accept]);

  useEffect(() => {
    setAuthHandlers({
      onUnauthenticated: () => {
        setCsrfToken('');
        clearApiCache();
        setState({ status: 'anonymous' });
      },
      onPasswordChangeRequired: () =>
        setState((s) =>
          s.status === 'signedIn'
            ? { status: 'signedIn', session: { ...s.session, user: { ...s.session.user, mustChangePassword: true } } }
            : s,
        ),
    });
    refresh().catch(() => setState({ status: 'anonymous' }));
  }, [refresh]);

  const login = useCallback<Session['login']>(
    async (input) => {
      const session = await call(authRoutes.login, { body: input });
      clearApiCache();
      accept(session);
      return session;
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await call(authRoutes.logout);
    } finally {
      setCsrfToken('');
      clearApiCache();
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo<Session>(
    () => ({
      state,
      user: state.status === 'signedIn' ? state.session.user : undefined,
      demoMode: state.status === 'signedIn' && state.session.demoMode,
      login,
      logout,
      refresh,
    }),
    [state, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
