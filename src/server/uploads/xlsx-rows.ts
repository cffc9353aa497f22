/**
 * An uploaded workbook read as a stream of rows (ExcelJS WorkbookReader), never loaded whole: reading stops at the
 * first row beyond the limit, and a row with cells beyond the last usable column is refused, so what stays in memory
 * is bounded by rows × columns whatever the file holds.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

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
 * Reads every sheet's non-empty rows, in workbook order. Throws `RowLimitExceeded` as soon as a sheet has one row
 * (or one column) too many — the rest of the file is not read — and `UnreadableWorkbook` when ExcelJS cannot parse it.
 */
export async function readSheets(buf: Buffer, limits: RowLimits): Promise<SheetRows[]> {
  const input = Readable.from([buf]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: SheetRows[] = [];
  try {
    for await (const ws of reader) {
      // The reader sets these from the workbook part; ExcelJS's types leave them out.
      const meta = ws as unknown as { name: string; state?: string };
      const sheet: SheetRows = { name: meta.name, state: meta.state ?? 'visible', rows: [] };
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
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
      sheets.push(sheet);
    }
  } catch (e) {
    if (e instanceof RowLimitExceeded) throw e;
    throw new UnreadableWorkbook(e instanceof Error ? e.message : String(e));
  } finally {
    input.destroy();
  }
  return sheets;
}
