import { Input } from 'antd';
import { useState, type ReactNode } from 'react';
import { fmtValue } from '../../format.ts';
import { type Translate, useI18n, useT } from '../../i18n.ts';
import type { IssueText } from '../../../shared/errors.ts';
import { changeWarning, isIncompleteNumber, parseValueText, understoodValue, type ValueProblem } from './rowChecks.ts';
import type { GridRow, PlausibilityWarning } from './types.ts';

interface Props {
  row: GridRow;
  text: string;
  editable: boolean;
  problem: ValueProblem | undefined;
  serverError: IssueText | undefined;
  serverWarning: PlausibilityWarning | undefined;
  onText: (text: string) => void;
  /** What a read-only row shows instead of its stored value (a computed figure). */
  readOnlyValue?: ReactNode;
}

/**
 * 本期值: a text field for an editable row that keeps exactly what was typed — a cell that is not a number keeps
 * its text and its red message until corrected (an InputNumber would erase it on blur). What is understood
 * (１２３, 1,234.5, 1.2万) is said under the cell; orange for a large change against last period, only a warning.
 * A read-only row shows the value.
 */
export function ValueCell({ row, text, editable, problem, serverError, serverWarning, onText, readOnlyValue }: Props) {
  const { lang } = useI18n();
  const t = useT();
  const [focused, setFocused] = useState(false);
  if (!editable) {
    return <span className="wf-cell-value">{readOnlyValue ?? fmtValue(row.value?.value ?? null, row.unit)}</span>;
  }
  const parsed = parseValueText(text, row.unit);
  // "-" or "." while typing will become a number: no red message yet.
  const halfTyped = focused && isIncompleteNumber(text);
  const shownProblem: ValueProblem | undefined = halfTyped || problem?.kind === 'noteRequired' ? undefined : problem;
  const error = shownProblem ? problemText(shownProblem, t) : serverError ? serverError[lang] : null;
  // Said beside a range error too ("按 12,000 人 计" over "不能大于 100"): the user sees what was read.
  const understood = typeof parsed === 'number' ? understoodValue(text, row.unit) : null;
  const local = changeWarning(parsed, row.previousValue);
  const warning = error
    ? null
    : local
      ? t('entry.warning.change', { previous: fmtValue(local.previous, row.unit), pct: local.pct })
      : serverWarning
        ? lang === 'en'
          ? serverWarning.messageEn
          : serverWarning.message
        : null;
  return (
    <div>
      <Input
        data-testid={`value-input-${row.indicatorCode}`}
        aria-label={row.name}
        inputMode="decimal"
        autoComplete="off"
        style={{ width: '100%', textAlign: 'right' }}
        value={text}
        onChange={(e) => onText(e.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        status={error ? 'error' : warning ? 'warning' : undefined}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <div className="wf-field-msg wf-field-error" data-testid={`value-error-${row.indicatorCode}`}>
          {error}
        </div>
      ) : null}
      {understood !== null ? (
        <div className="wf-field-msg muted" data-testid={`value-understood-${row.indicatorCode}`}>
          {t('entry.understood', { value: fmtValue(understood, row.unit, decimalsOf(understood)) })}
        </div>
      ) : null}
      {warning ? (
        <div className="wf-field-msg wf-field-warning" data-testid={`value-warning-${row.indicatorCode}`}>
          {warning}
        </div>
      ) : null}
    </div>
  );
}

/** Every decimal the reading produced: the cell says exactly what will be saved. */
function decimalsOf(n: number): number {
  return Math.min((String(n).split('.')[1] ?? '').length, 6);
}

export function problemText(p: ValueProblem, t: Translate): string {
  switch (p.kind) {
    case 'notNumber':
      return t('entry.error.notNumber');
    case 'unitMismatch':
      return t('entry.error.unitMismatch', { unit: p.unit });
    case 'belowMin':
      return t('entry.error.belowMin', { min: p.min });
    case 'aboveMax':
      return t('entry.error.aboveMax', { max: p.max });
    case 'noteRequired':
      return t('entry.error.noteRequired');
  }
}
