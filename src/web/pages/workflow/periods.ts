import { periodsOfYear } from '../../../domain/periods.ts';
import { fmtPeriod } from '../../format.ts';
import type { Lang } from '../../i18n.ts';
import { type MsgId } from '../../i18n.ts';

export interface PeriodOptionGroup {
  label: string;
  title: string;
  options: { value: string; label: string }[];
}

const GROUPS: readonly { frequency: 'monthly' | 'quarterly' | 'yearly'; label: MsgId }[] = [
  { frequency: 'monthly', label: 'wf.monthly' },
  { frequency: 'quarterly', label: 'wf.quarterly' },
  { frequency: 'yearly', label: 'wf.yearly' },
];

/** Every period code of a framework year as Select options, grouped month / quarter / year. */
export function periodOptions(year: number, lang: Lang, t: (id: MsgId) => string): PeriodOptionGroup[] {
  return GROUPS.map((g) => ({
    label: t(g.label),
    title: t(g.label),
    options: periodsOfYear(year, g.frequency).map((p) => ({ value: p, label: fmtPeriod(p, lang) })),
  }));
}
