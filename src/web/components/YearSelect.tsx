import { Select } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useRoute } from '../hooks/useApi.ts';
import { useI18n } from '../i18n.ts';
import { frameworkRoutes, type FrameworkSummary } from '../../shared/api/frameworks.ts';

/**
 * The evaluated year kept in the URL (`?frameworkId=fw-2025-v1`): the cockpit, the matrix and the ranking can be read
 * for any year with a published framework. Undefined = the framework in force. Changing the year drops the as-of
 * month (another year's months).
 */
export function useFrameworkParam(): [string | undefined, (frameworkId: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const frameworkId = params.get('frameworkId') ?? undefined;
  const set = useCallback(
    (next: string | undefined) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (next) p.set('frameworkId', next);
          else p.delete('frameworkId');
          p.delete('asOf');
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [frameworkId, set];
}

/** "评价年度 2025年": the newest published version of each year, newest year first. */
export function YearSelect({
  value,
  onChange,
}: {
  /** The framework shown (the answer's own id, so the select names the year even when none is chosen). */
  value: string | null | undefined;
  onChange: (frameworkId: string | undefined) => void;
}) {
  const { t } = useI18n();
  const list = useRoute(frameworkRoutes.list, {});
  const options = useMemo(() => {
    const newest = new Map<number, FrameworkSummary>();
    for (const f of list.data ?? []) {
      if (f.status !== 'published') continue;
      const have = newest.get(f.year);
      if (!have || f.version > have.version) newest.set(f.year, f);
    }
    return [...newest.values()]
      .sort((a, b) => b.year - a.year)
      .map((f) => ({ value: f.id, label: t('common.yearValue', { year: f.year }) }));
  }, [list.data, t]);
  const newestId = options[0]?.value;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('common.evaluatedYear')}</span>
      <Select
        data-testid="year-select"
        style={{ width: 110 }}
        loading={list.loading}
        value={value ?? undefined}
        options={options}
        onChange={(id: string) => onChange(id === newestId ? undefined : id)}
      />
    </span>
  );
}
