import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The as-of month kept in the URL (`?asOf=2024-10`), so that a drill-down and the way back keep the month, and a
 * link can be shared. Undefined = the latest evaluation.
 */
export function useAsOfParam(): [string | undefined, (asOf: string) => void] {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const setAsOf = useCallback(
    (next: string) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set('asOf', next);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [asOf, setAsOf];
}
