/**
 * An uploaded workbook read as a stream of rows (ExcelJS WorkbookReader), never loaded whole: reading stops at the
 * first row beyond the limit, and a row with cells beyond the last usable column is refused, so what stays in memory
 * is bounded by rows × columns whatever the file holds.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { centralDirectory, openPart } from './zip-archive.ts';

/** One cell as the parsers see it: its value and number format (dates are told apart by the format). */
export interface RawCell {
  value: ExcelJS.CellValue;
  numFmt?: string | undefined;
}

/** A non-empty row: its 1-based sheet row number and its cells by 0-based column. */
export interface RawRow {
  row: number;
  cells: readonly (RawCell | undefined)[];
}

export interface SheetRows {
  name: string;
  /** `visible`, `hidden` or `veryHidden`, as the workbook says. */
  state: string;
  rows: RawRow[];
}

export interface RowLimits {
  /** Non-empty rows allowed in one sheet, the header included. */
  maxRows: number;
  /** Cells beyond this column are refused. */
  maxColumns: number;
}

/** Why reading stopped, with the sheet, row and column where it did. */
export class RowLimitExceeded extends Error {
  readonly sheet: string;
  readonly row: number;
  readonly column: number | null;
  constructor(sheet: string, row: number, column: number | null) {
    super(`row limit exceeded in ${sheet} at row ${row}`);
    this.sheet = sheet;
    this.row = row;
    this.column = column;
  }
}

export class UnreadableWorkbook extends Error {}

function isEmpty(v: ExcelJS.CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * The parts of ExcelJS's streaming reader that read one part each. Its own `parse()` takes the parts in the order they
 * are stored, and ExcelJS stores the workbook part last: under load the worksheets were reached before the sheet
 * names were known and the read failed at random (exceljs issue #3064). Gongfu reads the parts itself, through the
 * central directory the archive checks already read, in the order they depend on each other.
 */
interface PartReaders {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { id: number; name: string; state?: string; rId: string }[] };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/** The part a workbook relationship points at: `worksheets/sheet1.xml` or `/xl/worksheets/sheet1.xml`. */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * Reads every sheet's non-empty rows, in the workbook's tab order. Throws `RowLimitExceeded` as soon as a sheet has
 * one row (or one column) too many — the rest of the file is not read — and `UnreadableWorkbook` when the workbook
 * cannot be parsed. For bytes that passed the archive checks (`inspectArchive`): parts are inflated as they are read.
 */
export async function readSheets(buf: Buffer, limits: RowLimits): Promise<SheetRows[]> {
  const directory = centralDirectory(buf);
  if (!directory) throw new UnreadableWorkbook('no zip central directory');
  const parts = new Map(directory.entries.map((e) => [e.name, e]));
  const open = (name: string): Readable | null => {
    const e = parts.get(name);
    return e ? openPart(buf, e) : null;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as PartReaders;
  const sheets: SheetRows[] = [];
  try {
    const rels = open('xl/_rels/workbook.xml.rels');
    const book = open('xl/workbook.xml');
    if (!rels || !book) throw new UnreadableWorkbook('no workbook part');
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const strings = open('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    const styles = open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, partName(r.Target)]));
    for (const meta of reader.model?.sheets ?? []) {
      const name = targets.get(meta.rId);
      const part = name ? open(name) : null;
      if (!part) throw new UnreadableWorkbook(`sheet ${meta.name} has no part`);
      const sheetNo = /(\d+)\.xml$/.exec(name ?? '')?.[1] ?? String(meta.id);
      const sheet: SheetRows = { name: meta.name, state: meta.state ?? 'visible', rows: [] };
      for (const { value } of reader._parseWorksheet(part, sheetNo)) {
        for await (const row of value as AsyncIterable<ExcelJS.Row>) {
          const cells: (RawCell | undefined)[] = [];
          let any = false;
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            if (isEmpty(cell.value)) return;
            if (col > limits.maxColumns) throw new RowLimitExceeded(sheet.name, row.number, col);
            cells[col - 1] = { value: cell.value, numFmt: cell.numFmt };
            any = true;
          });
          if (!any) continue;
          if (sheet.rows.length >= limits.maxRows) throw new RowLimitExceeded(sheet.name, row.number, null);
          sheet.rows.push({ row: row.number, cells });
        }
      }
      sheets.push(sheet);
    }
  } catch (e) {
    if (e instanceof RowLimitExceeded || e instanceof UnreadableWorkbook) throw e;
    throw new UnreadableWorkbook(e instanceof Error ? e.message : String(e));
  }
  return sheets;
}
