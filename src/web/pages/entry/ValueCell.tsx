import { InputNumber } from 'antd';
import { useState } from 'react';
import { fmtValue } from '../../format.ts';
import { type Translate, useI18n, useT } from '../../i18n.ts';
import { pickBilingual } from '../workflow/bilingual.ts';
import {
  changeWarning,
  isIncompleteNumber,
  normalizeNumberText,
  parseValueText,
  type ValueProblem,
} from './rowChecks.ts';
import type { GridRow, PlausibilityWarning } from './types.ts';

interface Props {
  row: GridRow;
  text: string;
  editable: boolean;
  problem: ValueProblem | undefined;
  serverError: string | undefined;
  serverWarning: PlausibilityWarning | undefined;
  onText: (text: string) => void;
}

/**
 * 本期值: a number field for an editable row, checked as typed — red for what the server would refuse, orange for a
 * large change against last period, which is only a warning. A read-only row shows the value.
 */
export function ValueCell({ row, text, editable, problem, serverError, serverWarning, onText }: Props) {
  const { lang } = useI18n();
  const t = useT();
  // What is in the box while typing: InputNumber only reports text that parses, so "12a" is caught here.
  const [rawInvalid, setRawInvalid] = useState(false);
  if (!editable) {
    return <span className="wf-cell-value">{fmtValue(row.value?.value ?? null, row.unit)}</span>;
  }
  const parsed = parseValueText(text);
  const shownProblem: ValueProblem | undefined = rawInvalid
    ? { kind: 'notNumber' }
    : problem?.kind === 'noteRequired'
      ? undefined
      : problem;
  const error = shownProblem ? problemText(shownProblem, t) : serverError ? pickBilingual(serverError, lang) : null;
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
      <InputNumber<string>
        data-testid={`value-input-${row.indicatorCode}`}
        aria-label={row.name}
        stringMode
        controls={false}
        style={{ width: '100%' }}
        value={text === '' ? null : text}
        parser={(v) => normalizeNumberText(v ?? '')}
        onChange={(v) => onText(v ?? '')}
        onInput={(raw) => setRawInvalid(raw !== '' && !isIncompleteNumber(raw) && parseValueText(raw) === 'invalid')}
        onBlur={() => setRawInvalid(false)}
        status={error ? 'error' : warning ? 'warning' : undefined}
      />
      {error ? (
        <div className="wf-field-msg wf-field-error" data-testid={`value-error-${row.indicatorCode}`}>
          {error}
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

export function problemText(p: ValueProblem, t: Translate): string {
  switch (p.kind) {
    case 'notNumber':
      return t('entry.error.notNumber');
    case 'belowMin':
      return t('entry.error.belowMin', { min: p.min });
    case 'aboveMax':
      return t('entry.error.aboveMax', { max: p.max });
    case 'noteRequired':
      return t('entry.error.noteRequired');
  }
}
