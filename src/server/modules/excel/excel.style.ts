/** The look shared by every workbook Gongfu writes: header fill, borders, number format, evaluation colours. */
import type ExcelJS from 'exceljs';
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

export const COLOUR_LEGEND: Record<MatrixCell['colour'], string> = {
  green: '绿色：达到确保或力争目标',
  yellow: '黄色：落后于序时进度',
  red: '红色：低于确保目标',
  grey: '灰色：暂无数据或未设目标',
};

export const STATUS_ZH: Record<MatrixCell['status'], string> = {
  stretchMet: '达到力争目标',
  floorMet: '达到确保目标',
  behindSchedule: '落后序时进度',
  belowFloor: '低于确保目标',
  noData: '暂无数据',
  noTarget: '未设目标',
};

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
