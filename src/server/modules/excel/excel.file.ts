/**
 * The values import's file limits and the workbook-to-bytes step of the exports. Uploads are received and checked by
 * the one upload gate (src/server/uploads/upload-gate.ts), which reads their rows as a stream.
 */
import type ExcelJS from 'exceljs';

/** Data rows beyond this are refused while the file is read; the 5,000-row import the city needs fits four times over. */
export const MAX_ROWS = 20_000;
/** The entry template has 12 columns; a cell far beyond them is not a template. */
export const MAX_COLUMNS = 64;

/** The workbook as bytes for a response. */
export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
