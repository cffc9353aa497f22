/**
 * The checks the entry grid runs as the user types, mirroring the server's (ValueEntryService.save): a number, inside
 * the indicator's [minValue, maxValue]; and the plausibility warning for a change of more than half of last
 * period's value, which warns and never refuses.
 */
import { readEnteredNumber, toHalfWidth } from '../../../domain/values/entered-number.ts';
import type { GridRow } from './types.ts';

/** Same threshold as the server's PLAUSIBILITY_CHANGE. */
export const PLAUSIBILITY_CHANGE = 0.5;

export type ValueProblem =
  | { kind: 'notNumber' }
  | { kind: 'unitMismatch'; unit: string }
  | { kind: 'belowMin'; min: number }
  | { kind: 'aboveMax'; max: number }
  | { kind: 'noteRequired' };

export interface ChangeWarning {
  previous: number;
  /** Absolute change in percent, rounded. */
  pct: number;
}

/** What the user typed in a cell and its note, before saving. `text` is '' for an empty cell. */
export interface RowEdit {
  text: string;
  note: string;
}

/**
 * The number in a cell, in the indicator's unit: null when empty, 'invalid' or 'unitMismatch' when it cannot be read
 * (src/domain/values/entered-number.ts: full-width digits, "1,234.5" and "1.2万" are understood).
 */
export function parseValueText(text: string, unit = ''): number | null | 'invalid' | 'unitMismatch' {
  const r = readEnteredNumber(text, unit);
  return r.kind === 'empty'
    ? null
    : r.kind === 'number'
      ? r.value
      : r.reason === 'unitMismatch'
        ? 'unitMismatch'
        : 'invalid';
}

/** How a cell was read, when it was not typed as the plain number (１２３, 1,234.5, 1.2万): the cell says so. */
export function understoodValue(text: string, unit: string): number | null {
  const r = readEnteredNumber(text, unit);
  return r.kind === 'number' && !r.plain ? r.value : null;
}

/** Half-typed input that will become a number ("-", "."): not worth a red message yet. */
export function isIncompleteNumber(text: string): boolean {
  return ['-', '+', '.', '-.', '+.'].includes(toHalfWidth(text));
}

export function valueProblem(
  row: Pick<GridRow, 'minValue' | 'maxValue' | 'unit'>,
  value: number | null | 'invalid' | 'unitMismatch',
): ValueProblem | null {
  if (value === 'invalid') return { kind: 'notNumber' };
  if (value === 'unitMismatch') return { kind: 'unitMismatch', unit: row.unit };
  if (value === null) return null;
  if (row.minValue !== null && value < row.minValue) return { kind: 'belowMin', min: row.minValue };
  if (row.maxValue !== null && value > row.maxValue) return { kind: 'aboveMax', max: row.maxValue };
  return null;
}

/** More than 50% away from last period's value (and last period is known and not zero). */
export function changeWarning(
  value: number | null | 'invalid' | 'unitMismatch',
  previous: number | null,
): ChangeWarning | null {
  if (value === null || typeof value === 'string' || previous === null || previous === 0) return null;
  const change = Math.abs(value - previous) / Math.abs(previous);
  if (change <= PLAUSIBILITY_CHANGE) return null;
  return { previous, pct: Math.round(change * 100) };
}

export function noteOf(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** The edit as it stands when nothing has been typed yet. */
export function originalEdit(row: GridRow): RowEdit {
  const v = row.value?.value;
  return { text: v === null || v === undefined ? '' : String(v), note: row.value?.note ?? '' };
}

/** Whether an edit differs from what is saved. */
export function isChanged(row: GridRow, edit: RowEdit): boolean {
  const value = parseValueText(edit.text, row.unit);
  const saved = row.value?.value ?? null;
  if (typeof value === 'string') return true;
  if (value !== saved) return true;
  return noteOf(edit.note) !== (row.value?.note ?? null);
}

/**
 * Every problem of a changed row: the value's, then a returned value revised without a note (the server refuses
 * that: a revision needs a reason).
 */
export function rowProblem(row: GridRow, edit: RowEdit): ValueProblem | null {
  const value = parseValueText(edit.text, row.unit);
  const p = valueProblem(row, value);
  if (p) return p;
  if (row.value?.status === 'returned' && value !== (row.value.value ?? null) && noteOf(edit.note) === null)
    return { kind: 'noteRequired' };
  return null;
}
