import { fmtValue } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TargetBrief } from '../types.ts';

/**
 * A two-tier target as the city writes it: "确保 6.5% · 力争 7%"; a ceiling "≤3.5%"; a range "a–b".
 * `compact` puts floor and stretch on one line.
 */
export function TargetText({ target, unit }: { target: TargetBrief | null; unit: string }) {
  const t = useT();
  if (!target) return <span className="muted">—</span>;
  const sign = target.comparison === 'atMost' ? '≤' : target.comparison === 'atLeast' ? '≥' : '';
  if (target.comparison === 'between') {
    return (
      <span>
        {fmtValue(target.floor, '')}–{fmtValue(target.upper, unit)}
      </span>
    );
  }
  const parts: string[] = [];
  if (target.floor !== null) parts.push(`${t('common.floor')} ${sign}${fmtValue(target.floor, unit)}`);
  if (target.stretch !== null) parts.push(`${t('common.stretch')} ${sign}${fmtValue(target.stretch, unit)}`);
  return <span>{parts.length > 0 ? parts.join(' · ') : '—'}</span>;
}
