/**
 * Names from the data in the user's language, for answers that carry only the Chinese name (the cockpit's red list
 * and trends): indicators by code from the framework (read once per session), org units by id from the org tree.
 */
import { useCallback } from 'react';
import { useI18n } from '../i18n.ts';
import { frameworkRoutes } from '../../shared/api/frameworks.ts';
import { useRoute } from './useApi.ts';
import { useOrgUnits } from './useReference.ts';

export function useIndicatorName(frameworkId: string | null | undefined): (code: string, name: string) => string {
  const { lang } = useI18n();
  const framework = useRoute(
    frameworkRoutes.detail,
    lang === 'en' && frameworkId ? { params: { id: frameworkId } } : null,
    {
      cache: true,
    },
  );
  const indicators = framework.data?.indicators;
  return useCallback(
    (code, name) => (lang === 'en' ? indicators?.find((i) => i.code === code)?.nameEn || name : name),
    [indicators, lang],
  );
}

export function useOrgUnitName(): (id: string, name: string) => string {
  const { lang } = useI18n();
  const { byId } = useOrgUnits();
  return useCallback((id, name) => (lang === 'en' ? byId.get(id)?.nameEn || name : name), [byId, lang]);
}
