import { Select } from 'antd';
import { fmtPeriod } from '../format.ts';
import { useI18n } from '../i18n.ts';

interface Props {
  options: readonly string[];
  value: string | null | undefined;
  onChange: (asOf: string) => void;
  /** How many units have reported each month, shown beside it: "2024年11月（1/7）". */
  coverage?: readonly { asOf: string; reported: number; expected: number }[];
}

/** "数据截至 2024年10月": the month the evaluation is read at, newest first. */
export function AsOfSelect({ options, value, onChange, coverage }: Props) {
  const { t, lang } = useI18n();
  const sorted = [...options].sort().reverse();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('common.asOf')}</span>
      <Select
        style={{ width: coverage ? 180 : 150 }}
        value={value ?? undefined}
        onChange={onChange}
        options={sorted.map((p) => {
          const c = coverage?.find((x) => x.asOf === p);
          const label = fmtPeriod(p, lang);
          return {
            value: p,
            label: c ? t('coverage.option', { period: label, reported: c.reported, expected: c.expected }) : label,
          };
        })}
        aria-label={t('common.asOf')}
      />
    </span>
  );
}
