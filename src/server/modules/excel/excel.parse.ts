/**
 * Reading a filled entry template (填报表), without I/O: the rows of one worksheet become typed entries and, for
 * every bad cell, an issue that names its sheet, row, column letter and header, in Chinese with an English gloss.
 * Everything a row can be checked against without the database (indicator, unit, scope, period, range,
 * duplicates) is checked here; the stored state of each value is checked by the service.
 */
import type { CellValue } from 'exceljs';
import { isPeriodCode, parsePeriod } from '../../../domain/periods.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { bilingual } from '../../errors.ts';

export const ENTRY_SHEET = '填报表';
export const HELP_SHEET = '说明';
export const META_SHEET = '_meta';
/** Written into `_meta`; a file from an incompatible template generation is refused rather than misread. */
export const TEMPLATE_VERSION = 'gongfu-entry-template/1';

/** The template's columns in order. Files are read by header text, so users may reorder or add columns. */
export const ENTRY_COLUMNS = [
  { key: 'indicatorCode', header: '指标编码', en: 'indicator code', required: true },
  { key: 'indicatorName', header: '指标名称', en: 'indicator name', required: false },
  { key: 'measure', header: '计量单位', en: 'unit of measure', required: false },
  { key: 'orgUnit', header: '单位编码', en: 'org unit code', required: true },
  { key: 'orgUnitName', header: '单位名称', en: 'org unit name', required: false },
  { key: 'period', header: '期别', en: 'period', required: true },
  { key: 'previous', header: '上期值', en: 'previous value', required: false },
  { key: 'value', header: '本期值', en: 'value', required: true },
  { key: 'note', header: '填报说明', en: 'note', required: false },
] as const;

export type EntryColumnKey = (typeof ENTRY_COLUMNS)[number]['key'];

export type { RawCell, RawRow } from '../../uploads/xlsx-rows.ts';
import type { RawCell, RawRow } from '../../uploads/xlsx-rows.ts';

export interface ImportIndicator {
  code: string;
  name: string;
  computed: boolean;
  minValue: number | null;
  maxValue: number | null;
}

/**
 * What the rows are checked against, answered from memory (the framework bundle and the org tree) so that checking
 * 5,000 rows costs no query. Refusals are `{ zh, en }` so the parser can name the cell and keep both languages.
 */
export interface ImportRules {
  /** The framework's year: every period must lie in it. */
  year: number;
  indicator(code: string): ImportIndicator | undefined;
  /** An org unit by its id (`xiqu`) or its code (`510403`). */
  orgUnit(ref: string): { id: string; name: string } | undefined;
  /** Why the actor may not enter anything for this unit, or null. */
  unitRefusal(unitId: string): Localized | null;
  /** Why the actor may not enter this indicator for this unit (a department reporter's remit), or null. */
  indicatorRefusal(unitId: string, indicatorCode: string): Localized | null;
  /** Whether the unit reports this indicator in this period (frequency and scope of the indicator). */
  reportable(unitId: string, period: string, indicatorCode: string): boolean;
}

export interface Localized {
  zh: string;
  en: string;
}

/** A row that passed every check here. */
export interface ImportRow {
  row: number;
  indicatorCode: string;
  orgUnitId: string;
  period: string;
  value: number;
  note: string | null;
}

export interface RowWarning {
  sheet: string;
  row: number;
  column?: string;
  indicatorCode: string;
  message: string;
  messageEn: string;
}

export interface ParseResult {
  rows: ImportRow[];
  /** Rows with an empty 本期值: not an error, the user had nothing to report there. */
  skipped: number;
  issues: FieldIssue[];
  warnings: RowWarning[];
  /** The column letter of each header found, for mapping later issues (stored state) to cells. */
  columns: Partial<Record<EntryColumnKey, string>>;
}

/** Header rows are looked for in the first rows only, so a title row above the header is tolerated. */
const HEADER_SEARCH_ROWS = 10;
const NOTE_MAX = 500;

/**
 * The letters of a 1-based column number.
 *
 * @example columnLetter(1) === 'A'; columnLetter(8) === 'H'; columnLetter(28) === 'AB'
 */
export function columnLetter(n: number): string {
  let s = '';
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

/** The value behind a formula, hyperlink or rich-text cell; plain values as they are. */
function resolved(v: CellValue): CellValue {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return v.text;
  if ('formula' in v || 'sharedFormula' in v) return v.result;
  return v;
}

function isFormula(v: CellValue): boolean {
  return v !== null && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v);
}

/**
 * A cell as trimmed text, or null when empty. Full-width characters typed with a Chinese input method become their
 * ASCII forms (NFKC), so `Ｄ２－０１` reads as `D2-01`.
 *
 * @example cellText({ richText: [{ text: ' 西区 ' }] }) === '西区'; cellText(510403) === '510403'; cellText('  ') === null
 */
export function cellText(v: CellValue): string | null {
  const x = resolved(v);
  if (x === null || x === undefined) return null;
  let s: string;
  if (typeof x === 'string') s = x;
  else if (typeof x === 'number' || typeof x === 'boolean') s = String(x);
  else if (x instanceof Date) s = x.toISOString();
  else return null;
  const t = s.normalize('NFKC').trim();
  return t === '' ? null : t;
}

export type NumberReading =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; fromPercentFormat: boolean }
  | { kind: 'invalid'; reason: Localized };

/** Whether a number format shows the value as a percentage (a `%` outside quoted text). */
function isPercentFormat(fmt: string | undefined): boolean {
  return fmt !== undefined && fmt.replace(/"[^"]*"/g, '').includes('%');
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads a value cell as a number. Text that is plainly a number is accepted (`1,303.8`, full-width `１２．５`, `5.2%`
 * when the indicator is in %); a number in a cell formatted as a percentage means what the user saw (0.052 shown as
 * 5.2% is 5.2), since every Gongfu rate is stored in percent.
 *
 * @example readNumber({ value: '1,303.8' }) → { kind: 'number', value: 1303.8 }
 * @example readNumber({ value: 0.052, numFmt: '0.0%' }) → { kind: 'number', value: 5.2, fromPercentFormat: true }
 * @example readNumber({ value: '暂无' }) → { kind: 'invalid', … }
 */
export function readNumber(cell: RawCell | undefined): NumberReading {
  if (!cell) return { kind: 'empty' };
  const raw = cell.value;
  if (isFormula(raw) && resolved(raw) === undefined) {
    return {
      kind: 'invalid',
      reason: {
        zh: '公式没有计算结果，请在 Excel 中计算后保存，或直接填写数值',
        en: 'formula without a computed result; recalculate and save, or type the number',
      },
    };
  }
  const v = resolved(raw);
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'invalid', reason: { zh: '不是有效数值', en: 'not a finite number' } };
    if (isPercentFormat(cell.numFmt))
      return { kind: 'number', value: Number((v * 100).toPrecision(15)), fromPercentFormat: true };
    return { kind: 'number', value: v, fromPercentFormat: false };
  }
  if (typeof v === 'string') {
    const s = v
      .normalize('NFKC')
      .replace(/[\s,\u2212]/g, (c) => (c === '\u2212' ? '-' : ''))
      .replace(/%$/, '');
    if (s === '') return { kind: 'empty' };
    if (NUMBER_PATTERN.test(s)) {
      const n = Number(s);
      if (Number.isFinite(n)) return { kind: 'number', value: n, fromPercentFormat: false };
    }
    return { kind: 'invalid', reason: { zh: `“${v.trim().slice(0, 20)}”不是数值`, en: 'not a number' } };
  }
  if (v instanceof Date) return { kind: 'invalid', reason: { zh: '是日期而不是数值', en: 'a date, not a number' } };
  if (typeof v === 'boolean')
    return { kind: 'invalid', reason: { zh: '是逻辑值而不是数值', en: 'a boolean, not a number' } };
  return {
    kind: 'invalid',
    reason: { zh: `单元格错误值 ${'error' in v ? v.error : ''}，不是数值`, en: 'an error value, not a number' },
  };
}

const QUARTER_ZH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/**
 * A period cell as a period code, or null when it cannot be one. Besides the codes themselves it accepts what
 * people type in Excel: a date cell (Excel turns `2024-11` into 1 Nov 2024), `2024/11`, `2024.11`, `2024年11月`,
 * `2024Q4`, `2024年第四季度`, `2024年` and the number 2024.
 *
 * @example normalizePeriod('2024年3月') === '2024-03'; normalizePeriod('2024年第一季度') === '2024-Q1'
 * @example normalizePeriod(new Date(Date.UTC(2024, 10, 1))) === '2024-11'; normalizePeriod('2024-13') === null
 */
export function normalizePeriod(v: CellValue): string | null {
  const x = resolved(v);
  if (x instanceof Date) {
    // ExcelJS reads date serials as UTC midnight.
    return `${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  if (typeof x === 'number') return Number.isInteger(x) && x >= 1000 && x <= 9999 ? String(x) : null;
  const s = cellText(x);
  if (s === null) return null;
  const t = s.replace(/\s/g, '');
  if (isPeriodCode(t)) return t;
  let m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
  }
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(t);
  if (m) return `${m[1]}-Q${m[2]}`;
  m = /^(\d{4})年?第?([1-4一二三四])季度?$/.exec(t);
  if (m) return `${m[1]}-Q${QUARTER_ZH[m[2] ?? ''] ?? Number(m[2])}`;
  m = /^(\d{4})年(度)?$/.exec(t);
  if (m) return m[1] as string;
  return null;
}

/** The header label a cell carries, normalised: `本期值（万元）` and `本期值 Value` both name 本期值. */
function headerKey(text: string): EntryColumnKey | null {
  const t = text.replace(/\s/g, '');
  for (const c of ENTRY_COLUMNS) if (t.startsWith(c.header)) return c.key;
  return null;
}

interface HeaderMap {
  row: number;
  col: Map<EntryColumnKey, number>;
}

function findHeader(sheet: string, rows: readonly RawRow[], issues: FieldIssue[]): HeaderMap | null {
  for (const r of rows) {
    if (r.row > HEADER_SEARCH_ROWS) break;
    const col = new Map<EntryColumnKey, number>();
    const dupes: FieldIssue[] = [];
    r.cells.forEach((cell, i) => {
      const text = cell ? cellText(cell.value) : null;
      const key = text ? headerKey(text) : null;
      if (!key) return;
      if (col.has(key)) {
        const header = ENTRY_COLUMNS.find((c) => c.key === key)?.header ?? key;
        dupes.push({
          sheet,
          row: r.row,
          column: columnLetter(i + 1),
          field: header,
          ...bilingual(`表头“${header}”重复出现`, `duplicate column header`),
        });
        return;
      }
      col.set(key, i + 1);
    });
    // The row that names the indicator-code column is the header; the template's first row.
    if (!col.has('indicatorCode') && !col.has('value')) continue;
    issues.push(...dupes);
    for (const c of ENTRY_COLUMNS) {
      if (c.required && !col.has(c.key)) {
        issues.push({
          sheet,
          row: r.row,
          field: c.header,
          ...bilingual(`缺少必填列“${c.header}”`, `missing required column “${c.en}”`),
        });
      }
    }
    return { row: r.row, col };
  }
  issues.push({
    sheet,
    row: 1,
    field: '表头',
    ...bilingual(
      `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（应含“指标编码”“单位编码”“期别”“本期值”），请使用下载的模板`,
      `no header row found; use the downloaded template`,
    ),
  });
  return null;
}

/**
 * Checks the rows of the entry sheet. Rows with an empty 本期值 are skipped; every other row either becomes an
 * `ImportRow` or contributes one issue per bad cell (a row can have several). Nothing is thrown: the caller
 * decides, after adding what only the database knows, whether the file is accepted as a whole.
 *
 * @example a row `D2-04 | … | 510403 | … | 2024-11 | … | 250` for a district reporter of 西区 whose limit is
 * 100 yields the issue `{ sheet: '填报表', row: 7, column: 'H', field: '本期值', message: '不能大于 100 …' }`.
 */
export function parseEntrySheet(sheet: string, rows: readonly RawRow[], rules: ImportRules): ParseResult {
  const issues: FieldIssue[] = [];
  const warnings: RowWarning[] = [];
  const out: ImportRow[] = [];
  const header = findHeader(sheet, rows, issues);
  const columns: Partial<Record<EntryColumnKey, string>> = {};
  if (header) for (const [k, n] of header.col) columns[k] = columnLetter(n);
  if (!header || ENTRY_COLUMNS.some((c) => c.required && !header.col.has(c.key))) {
    return { rows: out, skipped: 0, issues, warnings, columns };
  }
  const colOf = (k: EntryColumnKey) => header.col.get(k) as number;
  const cellOf = (r: RawRow, k: EntryColumnKey) => r.cells[colOf(k) - 1];
  const headerOf = (k: EntryColumnKey) => ENTRY_COLUMNS.find((c) => c.key === k)?.header ?? k;
  const firstRowOf = new Map<string, number>();
  let skipped = 0;

  for (const r of rows) {
    if (r.row <= header.row) continue;
    const issue = (k: EntryColumnKey, zh: string, en: string) =>
      issues.push({ sheet, row: r.row, column: columnLetter(colOf(k)), field: headerOf(k), ...bilingual(zh, en) });

    const reading = readNumber(cellOf(r, 'value'));
    if (reading.kind === 'empty') {
      skipped += r.cells.some((c) => c !== undefined && cellText(c.value) !== null) ? 1 : 0;
      continue;
    }
    const before = issues.length;
    if (reading.kind === 'invalid') issue('value', reading.reason.zh, reading.reason.en);

    const code = cellText(cellOf(r, 'indicatorCode')?.value ?? null);
    const indicator = code ? rules.indicator(code) : undefined;
    if (!code) issue('indicatorCode', '缺少指标编码', 'indicator code missing');
    else if (!indicator) issue('indicatorCode', `未知的指标编码“${code}”`, `unknown indicator code ${code}`);

    const unitRef = cellText(cellOf(r, 'orgUnit')?.value ?? null);
    const unit = unitRef ? rules.orgUnit(unitRef) : undefined;
    if (!unitRef) issue('orgUnit', '缺少单位编码', 'org unit code missing');
    else if (!unit) issue('orgUnit', `未知的单位编码“${unitRef}”`, `unknown org unit ${unitRef}`);

    const periodCell = cellOf(r, 'period')?.value ?? null;
    const period = normalizePeriod(periodCell);
    const periodText = cellText(periodCell);
    if (!periodText) issue('period', '缺少期别', 'period missing');
    else if (!period)
      issue(
        'period',
        `期别“${periodText}”格式错误，应为 2024-11、2024-Q1 或 2024`,
        'malformed period; expected 2024-11, 2024-Q1 or 2024',
      );
    else if (parsePeriod(period).year !== rules.year) {
      issue(
        'period',
        `期别 ${period} 不属于 ${rules.year} 年度指标体系`,
        `period ${period} is not in the framework year ${rules.year}`,
      );
    }

    const unitRefusal = unit ? rules.unitRefusal(unit.id) : null;
    if (unit && unitRefusal) issue('orgUnit', `${unit.name}：${unitRefusal.zh}`, unitRefusal.en);

    if (indicator && unit && !unitRefusal) {
      if (indicator.computed) {
        issue(
          'value',
          `${indicator.name}为计算指标，由系统自动计算，不能填报`,
          'a computed indicator cannot be entered',
        );
      } else {
        const refusal = rules.indicatorRefusal(unit.id, indicator.code);
        if (refusal) issue('indicatorCode', `${indicator.name}：${refusal.zh}`, refusal.en);
        else if (
          period &&
          parsePeriod(period).year === rules.year &&
          !rules.reportable(unit.id, period, indicator.code)
        ) {
          issue(
            'indicatorCode',
            `${unit.name}在 ${period} 不填报“${indicator.name}”（频度或适用范围不符）`,
            'not reported by this unit in this period',
          );
        }
      }
    }

    if (indicator && reading.kind === 'number') {
      if (indicator.minValue !== null && reading.value < indicator.minValue) {
        issue(
          'value',
          `${reading.value} 小于${indicator.name}的下限 ${indicator.minValue}`,
          `below the minimum ${indicator.minValue}`,
        );
      }
      if (indicator.maxValue !== null && reading.value > indicator.maxValue) {
        issue(
          'value',
          `${reading.value} 大于${indicator.name}的上限 ${indicator.maxValue}`,
          `above the maximum ${indicator.maxValue}`,
        );
      }
    }

    const noteText = cellText(cellOf(r, 'note')?.value ?? null);
    if (noteText && noteText.length > NOTE_MAX)
      issue('note', `填报说明超过 ${NOTE_MAX} 字`, `note longer than ${NOTE_MAX} characters`);

    if (indicator && unit && period) {
      const key = `${indicator.code}|${unit.id}|${period}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        issue(
          'indicatorCode',
          `与第 ${first} 行重复（同一指标、单位、期别）`,
          `duplicate of row ${first} (same indicator, unit and period)`,
        );
      } else {
        firstRowOf.set(key, r.row);
      }
    }

    if (issues.length > before || reading.kind !== 'number' || !indicator || !unit || !period) continue;
    if (reading.fromPercentFormat) {
      warnings.push({
        sheet,
        row: r.row,
        column: columnLetter(colOf('value')),
        indicatorCode: indicator.code,
        message: `单元格为百分比格式，按显示值读取为 ${reading.value}`,
        messageEn: `percentage-formatted cell read as ${reading.value}, as displayed`,
      });
    }
    out.push({
      row: r.row,
      indicatorCode: indicator.code,
      orgUnitId: unit.id,
      period,
      value: reading.value,
      note: noteText,
    });
  }
  return { rows: out, skipped, issues, warnings, columns };
}

/** The key/value pairs of the hidden `_meta` sheet (column A key, column B value). */
export function readMeta(rows: readonly RawRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    const k = cellText(r.cells[0]?.value ?? null);
    const v = cellText(r.cells[1]?.value ?? null);
    if (k && v) out.set(k, v);
  }
  return out;
}

interface CellPosition {
  sheet?: string | undefined;
  row?: number | undefined;
  column?: string | undefined;
}

/** Orders issues as a reader scans the sheet: by sheet, row, then column. */
export function byPosition(a: CellPosition, b: CellPosition): number {
  const s = (a.sheet ?? '').localeCompare(b.sheet ?? '');
  if (s !== 0) return s;
  const r = (a.row ?? 0) - (b.row ?? 0);
  if (r !== 0) return r;
  const ca = a.column ?? '';
  const cb = b.column ?? '';
  return ca.length - cb.length || ca.localeCompare(cb);
}
