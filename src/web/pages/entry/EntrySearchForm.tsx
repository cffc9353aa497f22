import { Button, Form, Select, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { fmtPeriod } from '../../format.ts';
import { useI18n, useT } from '../../i18n.ts';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { periodOptions } from '../workflow/periods.ts';
import type { Round } from '../workflow/useReportingCalendar.ts';

interface Props {
  scope: readonly string[];
  orgUnitId: string | undefined;
  period: string | undefined;
  year: number | undefined;
  openRound: Round | undefined;
  onChange: (next: { orgUnitId: string | undefined; period: string | undefined }) => void;
}

const NOT_REPORTING = ['department'];

/** The search form over the grid: which unit (within the user's scope) and which period of the framework year. */
export function EntrySearchForm({ scope, orgUnitId, period, year, openRound, onChange }: Props) {
  const { lang } = useI18n();
  const t = useT();
  const options = useMemo(() => (year === undefined ? [] : periodOptions(year, lang, t)), [year, lang, t]);
  return (
    <Form layout="inline" className="wf-search-form">
      <Form.Item label={t('wf.orgUnit')}>
        <OrgUnitTreeSelect
          testId="entry-org-select"
          scope={scope}
          excludeKinds={NOT_REPORTING}
          value={orgUnitId}
          onChange={(v) => onChange({ orgUnitId: v, period })}
          placeholder={t('entry.chooseUnit')}
          width={260}
        />
      </Form.Item>
      <Form.Item label={t('wf.period')}>
        <Select
          data-testid="entry-period-select"
          style={{ width: 220 }}
          value={period}
          options={options}
          onChange={(v: string) => onChange({ orgUnitId, period: v })}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      {openRound && openRound.period === period ? (
        <Form.Item>
          <Space size={4}>
            <Tag color="processing">{t('wf.openRound')}</Tag>
            <span className="muted">
              {fmtPeriod(openRound.period, lang)} · {t('rounds.dueDate')} {openRound.dueDate}
            </span>
          </Space>
        </Form.Item>
      ) : openRound ? (
        // Another period is chosen: say which one the open round is for, one click away — never its tag on this one.
        <Form.Item>
          <span className="muted" data-testid="entry-other-period">
            {t('entry.notOpenRound', { period: fmtPeriod(openRound.period, lang) })}
          </span>
          <Button type="link" size="small" onClick={() => onChange({ orgUnitId, period: openRound.period })}>
            {t('entry.toOpenRound')}
          </Button>
        </Form.Item>
      ) : null}
    </Form>
  );
}
