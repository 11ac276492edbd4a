/**
 * A small read cache for the API (what react-query would do, in a page of code, to keep the
 * bundle small): one entry per key, stale-while-revalidate, and invalidation by key prefix
 * after a change so that every list showing the changed data refetches.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from './api-client';

interface Entry {
  data: unknown;
  error: ApiError | null;
  hasData: boolean;
  fetching: boolean;
  stale: boolean;
  fetcher: () => Promise<unknown>;
}

const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();
let storeVersion = 0;

function notify(): void {
  storeVersion += 1;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('internal', '', 0);
}

function load(key: string, entry: Entry): void {
  if (entry.fetching) return;
  entry.fetching = true;
  entry.stale = false;
  entry.fetcher().then(
    (data) => {
      Object.assign(entry, { data, hasData: true, error: null, fetching: false });
      notify();
    },
    (e: unknown) => {
      Object.assign(entry, { error: toApiError(e), fetching: false });
      notify();
    },
  );
  if (cache.get(key) !== entry) cache.set(key, entry);
}

export interface QueryResult<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
}

export function useQuery<T>(key: string, fetcher: () => Promise<T>, enabled = true): QueryResult<T> {
  const version = useSyncExternalStore(subscribe, () => storeVersion);
  useEffect(() => {
    if (!enabled) return;
    let entry = cache.get(key);
    if (!entry) {
      entry = { data: undefined, error: null, hasData: false, fetching: false, stale: true, fetcher };
      cache.set(key, entry);
    }
    entry.fetcher = fetcher;
    if (entry.stale) load(key, entry);
    // `fetcher` is left out: it is a new function every render, and the key says what it fetches.
    // `version` is in: it re-runs this check after every invalidation.
  }, [key, enabled, version]);
  const entry = cache.get(key);
  return {
    data: entry?.hasData ? (entry.data as T) : undefined,
    error: entry?.error ?? null,
    loading: enabled && (!entry || (!entry.hasData && !entry.error)),
  };
}

/** Marks every entry whose key starts with one of the prefixes stale; mounted queries refetch. */
export function invalidate(...prefixes: string[]): void {
  for (const [key, entry] of cache) if (prefixes.some((p) => key.startsWith(p))) entry.stale = true;
  notify();
}

/** On sign-out: nothing of the previous session may show to the next one. */
export function clearCache(): void {
  cache.clear();
  notify();
}

export interface Mutation<A, R> {
  run: (args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ApiError | null;
  reset: () => void;
}

/** A state-changing call: pending and error state, and a result (undefined when it failed). */
export function useMutation<A, R>(fn: (args: A) => Promise<R>): Mutation<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (args: A) => {
      setPending(true);
      setError(null);
      try {
        return await fn(args);
      } catch (e) {
        setError(toApiError(e));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [fn],
  );
  return { run, pending, error, reset: useCallback(() => setError(null), []) };
}
