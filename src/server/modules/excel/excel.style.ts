/** The look shared by every workbook Gongfu writes: header fill, borders, number format, evaluation colours. */
import type ExcelJS from 'exceljs';
import { COLOUR_LEGEND as DOMAIN_LEGEND } from '../../../domain/evaluation.ts';
import type { MatrixCell } from '../../../shared/api/evaluation.ts';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Thousands separators and up to two decimals shown; the stored value keeps its full precision. */
export const NUMBER_FORMAT = '#,##0.00';

/** Excel's own "good / neutral / bad" fills, so a printed matrix reads like the cockpit. */
export const COLOUR_ARGB: Record<MatrixCell['colour'], string> = {
  green: 'FFC6EFCE',
  yellow: 'FFFFEB9C',
  red: 'FFFFC7CE',
  grey: 'FFE7E6E6',
};

export function colourFill(colour: MatrixCell['colour']): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOUR_ARGB[colour] } };
}

/** The legend of the matrix export: the same words as the pages' (rates are "close to the floor", not "behind"). */
export const COLOUR_LEGEND: Record<MatrixCell['colour'], string> = {
  green: DOMAIN_LEGEND.green.zh,
  yellow: DOMAIN_LEGEND.yellow.zh,
  red: DOMAIN_LEGEND.red.zh,
  grey: DOMAIN_LEGEND.grey.zh,
};

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
