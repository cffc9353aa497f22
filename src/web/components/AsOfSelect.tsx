import { Select } from 'antd';
import { fmtPeriod } from '../format.ts';
import { useI18n } from '../i18n.ts';

interface Props {
  options: readonly string[];
  value: string | null | undefined;
  onChange: (asOf: string) => void;
}

/** "数据截至 2024年10月": the month the evaluation is read at, newest first. */
export function AsOfSelect({ options, value, onChange }: Props) {
  const { t, lang } = useI18n();
  const sorted = [...options].sort().reverse();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('common.asOf')}</span>
      <Select
        style={{ width: 150 }}
        value={value ?? undefined}
        onChange={onChange}
        options={sorted.map((p) => ({ value: p, label: fmtPeriod(p, lang) }))}
        aria-label={t('common.asOf')}
      />
    </span>
  );
}
