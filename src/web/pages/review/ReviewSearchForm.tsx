import { Button, Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n.ts';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { periodOptions } from '../workflow/periods.ts';
import type { ReviewFilter } from './types.ts';

interface Props {
  filter: ReviewFilter;
  year: number | undefined;
  scope: readonly string[];
  onChange: (filter: ReviewFilter) => void;
  onReset: () => void;
}

/** Period (asked of the server), org unit and indicator (narrowing the list in the browser). */
export function ReviewSearchForm({ filter, year, scope, onChange, onReset }: Props) {
  const { lang, t } = useI18n();
  const options = useMemo(() => (year === undefined ? [] : periodOptions(year, lang, t)), [year, lang, t]);
  return (
    <Form layout="inline" className="wf-search-form">
      <Form.Item label={t('wf.period')}>
        <Select
          data-testid="review-period-select"
          style={{ width: 200 }}
          value={filter.period}
          placeholder={t('wf.allPeriods')}
          allowClear
          options={options}
          onChange={(v: string | undefined) => onChange({ ...filter, period: v })}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label={t('common.orgUnit')}>
        <OrgUnitTreeSelect
          testId="review-org-select"
          scope={scope}
          excludeKinds={['department']}
          value={filter.orgUnitId}
          onChange={(v) => onChange({ ...filter, orgUnitId: v })}
          placeholder={t('wf.allUnits')}
          allowClear
          width={220}
        />
      </Form.Item>
      <Form.Item label={t('wf.indicator')}>
        <Input
          data-testid="review-indicator-search"
          style={{ width: 220 }}
          allowClear
          value={filter.indicator}
          placeholder={t('review.indicatorSearch')}
          onChange={(e) => onChange({ ...filter, indicator: e.target.value })}
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={onReset}>{t('common.reset')}</Button>
      </Form.Item>
    </Form>
  );
}
