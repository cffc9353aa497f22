import { fromDhis2Period } from '../../../domain/exchange/periods.ts';
import { readCsv, CsvProblem } from '../../uploads/csv-rows.ts';
import { writeAll, type ChunkWriter } from './chunk-writer.ts';

/**
 * DHIS2 data value sets, as DHIS2's Web API documents them (docs.dhis2.org, "Data" → "Sending data values"), read and
 * written without I/O:
 *
 * - JSON: `{ dataSet?, completeDate?, period?, orgUnit?, attributeOptionCombo?, dataValues: [{ dataElement, period,
 *   orgUnit, categoryOptionCombo, attributeOptionCombo, value, storedBy, created, lastUpdated, comment, followup }] }`;
 *   a value without its own period, org unit or attribute option combo takes the set's.
 * - CSV: one value a line, the columns by position in DHIS2's order — data element, period, org unit, category option
 *   combo, attribute option combo, value, stored by, last updated, comment, follow-up — with a header line that is
 *   skipped (DHIS2's older files call the columns `catoptcombo`, `attroptcombo`, `timestamp`).
 *
 * Gongfu keeps no disaggregations: the category option combo is DHIS2's default one ({@link DEFAULT_COMBO}, also
 * written empty or `default`), unless an identifier mapping names the operand `dataElement.categoryOptionCombo`.
 */

/** The uid of DHIS2's built-in default category option combo ("default"), the same in every DHIS2 instance. */
export const DEFAULT_COMBO = 'HllvX50cXC0';

/** One data value as the file says it, before any identifier is resolved. */
export interface ExchangeRow {
  /** 0-based position among the file's values (DHIS2's conflict `indexes`). */
  index: number;
  /** The file's line (CSV) or null (JSON, XML). */
  line: number | null;
  dataElement: string;
  /** The period as the file wrote it. */
  period: string;
  /** The same in Gongfu's code (`2024-01`, `2024-Q1`, `2024`), or null when it is not a period Gongfu keeps. */
  periodCode: string | null;
  orgUnit: string;
  categoryOptionCombo: string | null;
  attributeOptionCombo: string | null;
  value: string | null;
  storedBy: string | null;
  lastUpdated: string | null;
  comment: string | null;
  followup: boolean;
}

/** A file that is not a data value set at all (malformed JSON, no `dataValues`): nothing of it can be read. */
export class FormatError extends Error {
  readonly text: { zh: string; en: string };
  readonly line: number | null;
  constructor(text: { zh: string; en: string }, line: number | null = null) {
    super(text.en);
    this.text = text;
    this.line = line;
  }
}

const str = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
};

/**
 * @example parseDataValueSetJson('{"period":"202401","orgUnit":"510403","dataValues":[{"dataElement":"D2-01","value":"5"}]}')
 *   // → [{ index: 0, dataElement: 'D2-01', period: '202401', orgUnit: '510403', value: '5', … }]
 */
export function parseDataValueSetJson(text: string): ExchangeRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new FormatError({
      zh: `JSON 格式错误：${(e as Error).message}`,
      en: `malformed JSON: ${(e as Error).message}`,
    });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new FormatError({ zh: '数据值集应为 JSON 对象', en: 'a data value set is a JSON object' });
  const set = doc as Record<string, unknown>;
  const values = set.dataValues;
  if (!Array.isArray(values)) throw new FormatError({ zh: '缺少 dataValues 数组', en: 'no dataValues array' });
  const period = str(set.period);
  const orgUnit = str(set.orgUnit);
  const aoc = str(set.attributeOptionCombo);
  return values.map((raw, index): ExchangeRow => {
    const v = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const p = str(v.period) ?? period ?? '';
    return {
      index,
      line: null,
      dataElement: str(v.dataElement) ?? '',
      period: p,
      periodCode: fromDhis2Period(p),
      orgUnit: str(v.orgUnit) ?? orgUnit ?? '',
      categoryOptionCombo: str(v.categoryOptionCombo),
      attributeOptionCombo: str(v.attributeOptionCombo) ?? aoc,
      value: str(v.value),
      storedBy: str(v.storedBy),
      lastUpdated: str(v.lastUpdated),
      comment: str(v.comment),
      followup: v.followup === true || v.followup === 'true',
    };
  });
}

/** The header DHIS2 writes, and what its older files call the same columns. */
export const CSV_COLUMNS = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
] as const;

/**
 * @example parseDataValueSetCsv('dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\nD2-01,202401,510403,,,5\n')
 *   // → [{ index: 0, line: 2, dataElement: 'D2-01', period: '202401', orgUnit: '510403', value: '5', … }]
 */
export function parseDataValueSetCsv(text: string): ExchangeRow[] {
  const rows: ExchangeRow[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    readCsv(body, (cells, line) => {
      if (cells.length === 1 && cells[0]?.trim() === '') return;
      if (line === 1 && /^data_?element$/i.test(cells[0]?.trim() ?? '')) return;
      const cell = (i: number): string | null => {
        const c = cells[i]?.trim();
        return c === undefined || c === '' ? null : c;
      };
      rows.push({
        index: rows.length,
        line,
        dataElement: cell(0) ?? '',
        period: cell(1) ?? '',
        periodCode: fromDhis2Period(cell(1) ?? ''),
        orgUnit: cell(2) ?? '',
        categoryOptionCombo: cell(3),
        attributeOptionCombo: cell(4),
        value: cell(5),
        storedBy: cell(6),
        lastUpdated: cell(7),
        comment: cell(8),
        followup: cell(9)?.toLowerCase() === 'true',
      });
    });
  } catch (e) {
    if (e instanceof CsvProblem)
      throw new FormatError({ zh: `CSV 格式错误：${e.message}`, en: `malformed CSV: ${e.message}` }, e.row);
    throw e;
  }
  return rows;
}

/** One value as an export writes it: identifiers already in the scheme asked for, the period in DHIS2's code. */
export interface OutValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  storedBy: string;
  lastUpdated: string;
  comment: string | null;
  followup: boolean;
}

/** One value's JSON, the fields in DHIS2's order; a `null` comment left out as DHIS2 does. */
function jsonValue(v: OutValue): string {
  return JSON.stringify({
    dataElement: v.dataElement,
    period: v.period,
    orgUnit: v.orgUnit,
    categoryOptionCombo: v.categoryOptionCombo,
    attributeOptionCombo: v.attributeOptionCombo,
    value: v.value,
    storedBy: v.storedBy,
    lastUpdated: v.lastUpdated,
    ...(v.comment !== null ? { comment: v.comment } : {}),
    followup: v.followup,
  });
}

/** The JSON of a data value set, compact, written a page at a time. */
export function dataValueSetJsonWriter(): ChunkWriter<OutValue> {
  let first = true;
  return {
    start: () => '{"dataValues":[',
    page: (values) => {
      if (values.length === 0) return '';
      const chunk = (first ? '' : ',') + values.map(jsonValue).join(',');
      first = false;
      return chunk;
    },
    end: () => ']}',
  };
}

/** The JSON of a data value set, compact, the fields in DHIS2's order; `null` comments left out as DHIS2 does. */
export function writeDataValueSetJson(values: readonly OutValue[]): string {
  return writeAll(dataValueSetJsonWriter(), values);
}

/** A CSV field: quoted when it holds a comma, a quote or a line break; a leading formula character defused. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(v: OutValue): string {
  return [
    v.dataElement,
    v.period,
    v.orgUnit,
    v.categoryOptionCombo,
    v.attributeOptionCombo,
    v.value,
    v.storedBy,
    v.lastUpdated,
    v.comment,
    v.followup ? 'true' : 'false',
  ]
    .map(csvCell)
    .join(',');
}

/** The CSV of a data value set, DHIS2's header and column order, LF line ends, written a page at a time. */
export function dataValueSetCsvWriter(): ChunkWriter<OutValue> {
  return {
    start: () => `${CSV_COLUMNS.join(',')}\n`,
    page: (values) => values.map((v) => `${csvLine(v)}\n`).join(''),
    end: () => '',
  };
}

/** The CSV of a data value set: DHIS2's header and column order, LF line ends. */
export function writeDataValueSetCsv(values: readonly OutValue[]): string {
  return writeAll(dataValueSetCsvWriter(), values);
}

/** A value of the file as a number: DHIS2 sends values as text; Gongfu's are numbers. */
export function numberOf(value: string | null): number | null {
  if (value === null) return null;
  const t = value.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
