/**
 * Server state for the web app, on TanStack Query (decision 014): one cache entry per key,
 * invalidation by key prefix after a change so that every list showing the changed data refetches,
 * no retry on a refusal (4xx), a bounded retry when the network or a proxy failed, cached data
 * evicted once no page has shown it for a while, and a re-render only for the queries whose
 * answer changed. The features' `api/` files only see the small functions below.
 */
import {
  QueryClient,
  useMutation as useTanstackMutation,
  useQuery as useTanstackQuery,
  type QueryFunctionContext,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, abortSessionRequests } from './api-client';

/** Network failures and a proxy's 502/503/504: worth another try, a refusal is not. */
const TRANSIENT_STATUSES = new Set([0, 502, 503, 504]);
const MAX_RETRIES = 2;

function isTransient(error: unknown): boolean {
  return error instanceof ApiError && TRANSIENT_STATUSES.has(error.status);
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => failureCount < MAX_RETRIES && isTransient(error),
      // Fresh until a change invalidates it (what the app did before): a page shown again reads the cache.
      staleTime: Infinity,
      // Evicted five minutes after the last page showing it closed.
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: false,
      // An answer that does not parse is a bug, not a refusal: the route's error boundary shows it.
      throwOnError: (error) => !(error instanceof ApiError),
    },
    mutations: { retry: false },
  },
});

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('internal', '', 0);
}

export interface QueryResult<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
}

/**
 * Reads `key` through `fetcher`. A fetcher that declares a parameter gets the query's AbortSignal
 * (to hand to `request`), and its request is aborted when the last page showing it closes.
 */
export function useQuery<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  enabled = true,
  /**
   * `readAgainOnOpen`: figures that the server's background jobs change too (the mailbox watcher,
   * the outbox sender), not only this app's own changes: read again each time a page showing them
   * opens, the cached answer shown meanwhile.
   */
  options: { readAgainOnOpen?: boolean } = {},
): QueryResult<T> {
  const result = useTanstackQuery({
    queryKey: [key],
    // Reading `signal` tells TanStack the request can be aborted: only do so when the fetcher takes it.
    queryFn: fetcher.length > 0 ? ({ signal }: QueryFunctionContext) => fetcher(signal) : () => (fetcher as () => Promise<T>)(),
    enabled,
    ...(options.readAgainOnOpen ? { refetchOnMount: 'always' as const } : {}),
  });
  // Only these three properties are read, so only their change re-renders the component.
  return {
    data: result.data,
    error: result.error ? toApiError(result.error) : null,
    loading: enabled && result.isPending && !result.error,
  };
}

function matches(prefixes: string[]) {
  return ({ queryKey }: { queryKey: readonly unknown[] }) => {
    const key = queryKey[0];
    return typeof key === 'string' && prefixes.some((p) => key.startsWith(p));
  };
}

/** Marks every entry whose key starts with one of the prefixes stale; mounted queries refetch. */
export function invalidate(...prefixes: string[]): void {
  void queryClient.invalidateQueries({ predicate: matches(prefixes) });
}

/**
 * On sign-out or a lost session, once the signed-in pages are gone: requests in flight aborted,
 * queries cancelled and the cache emptied, so nothing of the previous session shows to the next one
 * and no request leaves after it.
 */
export async function clearCache(): Promise<void> {
  abortSessionRequests();
  await queryClient.cancelQueries();
  queryClient.clear();
}

export interface Mutation<A, R> {
  run: (args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ApiError | null;
  reset: () => void;
}

/** A state-changing call: pending and error state, and a result (undefined when it failed). */
export function useMutation<A, R>(fn: (args: A) => Promise<R>): Mutation<A, R> {
  const mutation = useTanstackMutation<R, unknown, A>({ mutationFn: fn });
  const { mutateAsync } = mutation;
  const run = useCallback(
    async (args: A) => {
      try {
        return await mutateAsync(args);
      } catch {
        // The error is in `mutation.error`, which the form shows.
        return undefined;
      }
    },
    [mutateAsync],
  );
  return { run, pending: mutation.isPending, error: mutation.error ? toApiError(mutation.error) : null, reset: mutation.reset };
}
