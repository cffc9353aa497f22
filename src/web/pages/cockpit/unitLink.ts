import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The link from a cockpit panel to one unit's page, for the year and the month the cockpit shows (`frameworkId`,
 * `asOf` in the URL): a leader reading 2025 is taken to the unit's 2025, not to the framework in force.
 */
export function useUnitLink(): (orgUnitId: string) => string {
  const [params] = useSearchParams();
  const frameworkId = params.get('frameworkId');
  const asOf = params.get('asOf');
  return useCallback(
    (orgUnitId: string) => {
      const q = new URLSearchParams();
      if (frameworkId) q.set('frameworkId', frameworkId);
      if (asOf) q.set('asOf', asOf);
      const query = q.toString();
      return `/cockpit/unit/${encodeURIComponent(orgUnitId)}${query ? `?${query}` : ''}`;
    },
    [frameworkId, asOf],
  );
}
