import { useCallback, useMemo } from 'react';
import { useI18n } from '../i18n.ts';
import type { OrgUnit, WorkTeam } from '../types.ts';
import { useRoute } from './useApi.ts';
import { frameworkRoutes } from '../../shared/api/frameworks.ts';
import { orgRoutes } from '../../shared/api/org.ts';

export interface OrgUnits {
  list: OrgUnit[];
  byId: Map<string, OrgUnit>;
  /** The root of the region tree (the city). */
  root: OrgUnit | undefined;
  /** The city's districts, counties and the zone, in display order. */
  districts: OrgUnit[];
  departments: OrgUnit[];
  loading: boolean;
}

const DISTRICT_KINDS = new Set(['district', 'county', 'zone']);

/** The org tree, fetched once per session: every page uses it to name units and departments. */
export function useOrgUnits(): OrgUnits {
  const { data, loading } = useRoute(orgRoutes.units, {}, { cache: true });
  return useMemo(() => {
    const list = [...(data ?? [])].sort((a, b) => a.sort - b.sort);
    const root = list.find((u) => u.parentId === null);
    return {
      list,
      byId: new Map(list.map((u) => [u.id, u])),
      root,
      districts: list.filter((u) => DISTRICT_KINDS.has(u.kind) && u.parentId === root?.id),
      departments: list.filter((u) => u.kind === 'department'),
      loading,
    };
  }, [data, loading]);
}

/**
 * A department's name in the current language. Some answers (cockpit cards, the red list) carry only the Chinese
 * name of the lead department; the org list has its English name.
 */
export function useDepartmentName(): (name: string | null | undefined) => string {
  const { departments } = useOrgUnits();
  const { lang } = useI18n();
  return useCallback(
    (name) => {
      if (!name) return '—';
      if (lang === 'zh') return name;
      return departments.find((d) => d.name === name)?.nameEn || name;
    },
    [departments, lang],
  );
}

export function useWorkTeams(): WorkTeam[] {
  const { data } = useRoute(orgRoutes.workTeams, {}, { cache: true });
  return useMemo(() => [...(data ?? [])].sort((a, b) => a.sort - b.sort), [data]);
}

/** One framework with its dimensions, indicators, targets and baselines; `current` is the one in force. */
export function useFramework(id: string | null) {
  return useRoute(frameworkRoutes.detail, id === null ? null : { params: { id } });
}
