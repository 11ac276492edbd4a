/** Who is signed in: asked of the server on load, changed by sign-in, setup and sign-out, lost on a 401. */
import { useCallback, useEffect, useState } from 'react';
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

  const toSignedOut = useCallback(async () => {
    setCsrfToken(null);
    clearCache();
    try {
      setState({ name: 'signedOut', setup: await getSetupStatus() });
    } catch (e) {
      setState({ name: 'unreachable', error: e instanceof ApiError ? e : new ApiError('network', '', 0) });
    }
  }, []);

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
    clearCache();
    setCsrfToken(session.csrfToken);
    setState({ name: 'signedIn', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await signOutCall();
    } finally {
      await toSignedOut();
    }
  }, [toSignedOut]);

  return { state, signedIn, signOut, retry: start };
}
