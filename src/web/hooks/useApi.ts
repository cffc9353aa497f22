import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Query, toApiError } from '../api.ts';
import { useLiveVersion } from '../changes.ts';
import { routePath, type RouteContract, type RouteInput, type RouteResponse } from '../../shared/contract.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Answers of rarely changing reference data (org units, work teams), shared by every page for the session. */
const sharedCache = new Map<string, Promise<unknown>>();

export function clearApiCache(): void {
  sharedCache.clear();
}

/**
 * GET `path` with `query`, refetched when either changes; `null` as path waits (e.g. for a parameter).
 * The previous answer stays visible while the next loads, so switching the month does not blank the page.
 * `cache: true` shares one request per URL for the whole session.
 */
export function useApi<T>(
  path: string | null,
  query?: Query,
  options: { cache?: boolean; live?: boolean } = {},
): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState<boolean>(path !== null);
  const [nonce, setNonce] = useState(0);
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  const cache = options.cache === true;
  // `live`: read again after every write of this tab, on focus and once a minute (changes.ts).
  const live = useLiveVersion(options.live === true && path !== null);

  useEffect(() => {
    if (key === null || path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    let promise: Promise<unknown>;
    if (cache) {
      const hit = sharedCache.get(key);
      promise = hit ?? api.get<T>(path, query);
      if (!hit) {
        sharedCache.set(key, promise);
        promise.catch(() => sharedCache.delete(key));
      }
    } else {
      promise = api.get<T>(path, query, controller.signal);
    }
    promise.then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result as T);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `key` stands for path and query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, nonce, cache, live]);

  const reload = useCallback(() => {
    if (key !== null) sharedCache.delete(key);
    setNonce((n) => n + 1);
  }, [key]);

  return { data, error, loading, reload };
}

/**
 * GET a route of the shared route table, typed by its schemas; `null` as input waits (e.g. for a parameter).
 *
 * @example const status = useRoute(roundRoutes.status, roundId ? { params: { id: roundId } } : null);
 */
export function useRoute<C extends RouteContract & { method: 'GET' }>(
  contract: C,
  input: RouteInput<C> | null,
  options: { cache?: boolean; live?: boolean } = {},
): ApiState<RouteResponse<C>> {
  const { params, query } = (input ?? {}) as { params?: Record<string, unknown>; query?: Query };
  const path = input === null ? null : routePath(contract.path, params);
  return useApi<RouteResponse<C>>(path, query, options);
}
