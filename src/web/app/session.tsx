/** Who is signed in: asked of the server on load, changed by sign-in, setup and sign-out, lost on a 401. */
import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { getMe, type Session } from '../features/auth/api/get-me';
import { getSetupStatus, type SetupStatus } from '../features/auth/api/get-setup-status';
import { signOut as signOutCall } from '../features/auth/api/sign-out';
import { ApiError, onSessionLost, setCsrfToken } from '../lib/api-client';
import { clearCache } from '../lib/query';

export type SessionState =
  | { name: 'loading' }
  | { name: 'signedOut'; setup: SetupStatus }
  | { name: 'signedIn'; session: Session }
  | { name: 'unreachable'; error: ApiError };

export function useSession() {
  const [state, setState] = useState<SessionState>({ name: 'loading' });

  /**
   * Leaves the signed-in pages first (committed at once, so none of their queries can start again),
   * then aborts what is in flight and empties the cache.
   */
  const leaveSession = useCallback(async () => {
    flushSync(() => setState({ name: 'loading' }));
    await clearCache();
  }, []);

  const toSignedOut = useCallback(async () => {
    setCsrfToken(null);
    await leaveSession();
    try {
      setState({ name: 'signedOut', setup: await getSetupStatus() });
    } catch (e) {
      setState({ name: 'unreachable', error: e instanceof ApiError ? e : new ApiError('network', '', 0) });
    }
  }, [leaveSession]);

  const start = useCallback(async () => {
    setState({ name: 'loading' });
    try {
      const session = await getMe();
      setCsrfToken(session.csrfToken);
      setState({ name: 'signedIn', session });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) await toSignedOut();
      else setState({ name: 'unreachable', error: e instanceof ApiError ? e : new ApiError('network', '', 0) });
    }
  }, [toSignedOut]);

  useEffect(() => {
    void start();
    return onSessionLost(() => void toSignedOut());
  }, [start, toSignedOut]);

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ name: 'signedIn', session });
  }, []);

  /** Nothing is asked of the server after the sign-out itself: the workspace is set up, so the sign-in page shows. */
  const signOut = useCallback(async () => {
    await leaveSession();
    try {
      await signOutCall();
    } catch {
      // Signed out here anyway: the cookie is the server's to forget, and the next sign-in replaces it.
    }
    setCsrfToken(null);
    setState({ name: 'signedOut', setup: { needsSetup: false, needsCode: false } });
  }, [leaveSession]);

  return { state, signedIn, signOut, retry: start };
}
