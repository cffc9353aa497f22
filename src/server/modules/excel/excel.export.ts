/**
 * The evaluation matrix and the district ranking as workbooks: exactly what the JSON answers show the same user
 * (the caller passes `EvaluationService.matrix(actor, …)`), laid out for printing and circulating.
 */
import ExcelJS from 'exceljs';
import type { MatrixResponse, RankingRow } from '../../../shared/api/evaluation.ts';
import { COLOUR_LEGEND, colourFill, HEADER_FILL, NUMBER_FORMAT, THIN_BORDER } from './excel.style.ts';
import { beijingTime } from '../../../domain/beijing-time.ts';

export const REPORT_TITLE = '攀枝花市共同富裕试验区监测评价结果';
export const MATRIX_SHEET = '评价矩阵';
export const SCORE_SHEET = '得分';
export const RANKING_SHEET = '区县排名';
const SCORE_FORMAT = '0.0';
const SHARE_FORMAT = '0%';

export interface ReportContext {
  generatedAt: Date;
  /** Whether generated demonstration values are among the evaluated data (the cockpit says so too). */
  hasDemoData: boolean;
}

/** Title, data-as-of line and the demo note; returns the next free row. */
function headerBlock(
  ws: ExcelJS.Worksheet,
  width: number,
  subtitle: string,
  asOf: string | null,
  ctx: ReportContext,
): number {
  ws.mergeCells(1, 1, 1, Math.max(width, 4));
  const title = ws.getCell(1, 1);
  title.value = `${REPORT_TITLE}（${subtitle}）`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.getCell(2, 1).value =
    `数据截至：${asOf ?? '暂无评价结果'}\u3000\u3000生成时间：${beijingTime(ctx.generatedAt)}（北京时间）`;
  let next = 3;
  if (ctx.hasDemoData) {
    const note = ws.getCell(next, 1);
    note.value =
      '注：含演示数据——部分数值为系统生成的模拟数据，仅供演示，不是官方统计数据。 Note: contains generated demonstration data.';
    note.font = { color: { argb: 'FFC00000' } };
    next++;
  }
  return next + 1;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN_BORDER;
  });
}

const INDICATOR_COLUMNS = [
  { header: '指标编码', width: 10 },
  { header: '指标名称', width: 38 },
  { header: '计量单位', width: 10 },
  { header: '所属维度', width: 16 },
];

/** Indicators as rows, units as columns; `cellOf` writes one cell. Returns the header row number. */
function indicatorGrid(
  ws: ExcelJS.Worksheet,
  m: MatrixResponse,
  startRow: number,
  cellOf: (cell: ExcelJS.Cell, indicatorCode: string, unitId: string) => void,
): number {
  const dimensionName = new Map(m.dimensions.map((d) => [d.code, d.name]));
  INDICATOR_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  m.units.forEach((_, i) => (ws.getColumn(INDICATOR_COLUMNS.length + i + 1).width = 12));
  const header = ws.getRow(startRow);
  header.values = [...INDICATOR_COLUMNS.map((c) => c.header), ...m.units.map((u) => u.name)];
  styleHeader(header);
  m.indicators.forEach((ind, n) => {
    const row = ws.getRow(startRow + 1 + n);
    row.getCell(1).value = ind.code;
    row.getCell(2).value = ind.computed ? `${ind.name}（计算）` : ind.name;
    row.getCell(3).value = ind.unit;
    row.getCell(4).value = dimensionName.get(ind.dimensionCode) ?? ind.dimensionCode;
    m.units.forEach((u, i) => {
      const cell = row.getCell(INDICATOR_COLUMNS.length + 1 + i);
      cell.border = THIN_BORDER;
      cellOf(cell, ind.code, u.id);
    });
    for (let c = 1; c <= INDICATOR_COLUMNS.length; c++) row.getCell(c).border = THIN_BORDER;
  });
  ws.views = [{ state: 'frozen', xSplit: INDICATOR_COLUMNS.length, ySplit: startRow }];
  return startRow;
}

export function buildMatrixWorkbook(m: MatrixResponse, ctx: ReportContext): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  wb.created = ctx.generatedAt;
  const width = INDICATOR_COLUMNS.length + m.units.length;
  const cellAt = new Map(m.cells.map((c) => [`${c.indicatorCode}|${c.orgUnitId}`, c]));

  const ws = wb.addWorksheet(MATRIX_SHEET);
  let row = headerBlock(ws, width, '评价矩阵', m.asOf, ctx);
  ws.getCell(row, 1).value = '图例';
  ws.getCell(row, 1).font = { bold: true };
  for (const colour of ['green', 'yellow', 'red', 'grey'] as const) {
    const c = ws.getCell(row, 2);
    c.value = COLOUR_LEGEND[colour];
    c.fill = colourFill(colour);
    row++;
  }
  indicatorGrid(ws, m, row + 1, (cell, code, unitId) => {
    const c = cellAt.get(`${code}|${unitId}`);
    cell.value = c?.actual ?? null;
    cell.numFmt = NUMBER_FORMAT;
    cell.fill = colourFill(c?.colour ?? 'grey');
  });

  const scores = wb.addWorksheet(SCORE_SHEET);
  const scoreStart = headerBlock(scores, width, '得分', m.asOf, ctx);
  scores.getCell(scoreStart, 1).value =
    '得分规则：零分点（基期值或默认零点）0 分，确保目标 100 分，力争目标 120 分封顶，其间线性插值；逆向指标对称处理，累计指标按序时进度折算。';
  const header = indicatorGrid(scores, m, scoreStart + 2, (cell, code, unitId) => {
    const c = cellAt.get(`${code}|${unitId}`);
    cell.value = c?.score ?? null;
    cell.numFmt = SCORE_FORMAT;
    cell.fill = colourFill(c?.colour ?? 'grey');
  });
  // Composite scores below the indicator rows, in the same unit columns.
  const composite = new Map(m.composites.map((c) => [c.orgUnitId, c]));
  let r = header + m.indicators.length + 2;
  const summary = (label: string, value: (unitId: string) => number | null, format: string) => {
    const row = scores.getRow(r++);
    row.getCell(2).value = label;
    row.getCell(2).font = { bold: true };
    m.units.forEach((u, i) => {
      const cell = row.getCell(INDICATOR_COLUMNS.length + 1 + i);
      cell.value = value(u.id);
      cell.numFmt = format;
      cell.border = THIN_BORDER;
    });
  };
  const dimensionCodes = new Set(m.composites.flatMap((c) => Object.keys(c.byDimension)));
  for (const d of m.dimensions.filter((x) => dimensionCodes.has(x.code))) {
    summary(`维度得分：${d.name}`, (id) => composite.get(id)?.byDimension[d.code] ?? null, SCORE_FORMAT);
  }
  summary('综合得分', (id) => composite.get(id)?.overall ?? null, SCORE_FORMAT);
  summary('排名（区县）', (id) => composite.get(id)?.rank ?? null, '0');
  summary('数据覆盖率', (id) => composite.get(id)?.coverage ?? null, SHARE_FORMAT);
  return wb;
}

export function buildRankingWorkbook(
  rows: RankingRow[],
  m: Pick<MatrixResponse, 'asOf' | 'dimensions'>,
  ctx: ReportContext,
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  wb.created = ctx.generatedAt;
  const dimensionCodes = new Set(rows.flatMap((x) => Object.keys(x.byDimension)));
  const dims = m.dimensions.filter((d) => dimensionCodes.has(d.code));
  const columns = [
    { header: '排名', width: 7 },
    { header: '单位', width: 14 },
    { header: '综合得分', width: 11 },
    ...dims.map((d) => ({ header: d.name, width: 14 })),
    { header: '红灯数', width: 8 },
    { header: '黄灯数', width: 8 },
    { header: '绿灯数', width: 8 },
    { header: '数据覆盖率', width: 11 },
  ];
  const ws = wb.addWorksheet(RANKING_SHEET);
  const start = headerBlock(ws, columns.length, '区县排名', m.asOf, ctx);
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const header = ws.getRow(start);
  header.values = columns.map((c) => c.header);
  styleHeader(header);
  rows.forEach((x, n) => {
    const row = ws.getRow(start + 1 + n);
    row.values = [
      x.rank,
      x.name,
      x.overall,
      ...dims.map((d) => x.byDimension[d.code] ?? null),
      x.red,
      x.yellow,
      x.green,
      x.coverage,
    ];
    row.getCell(3).numFmt = SCORE_FORMAT;
    dims.forEach((_, i) => (row.getCell(4 + i).numFmt = SCORE_FORMAT));
    row.getCell(columns.length).numFmt = SHARE_FORMAT;
    row.getCell(columns.length - 3).fill = colourFill('red');
    row.getCell(columns.length - 2).fill = colourFill('yellow');
    row.getCell(columns.length - 1).fill = colourFill('green');
    row.eachCell({ includeEmpty: true }, (c) => (c.border = THIN_BORDER));
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: start }];
  const notes = start + rows.length + 2;
  ws.getCell(notes, 1).value =
    '说明：综合得分为各维度得分按权重加权之和；红、黄、绿灯数为该单位各指标的评价颜色个数；数据覆盖率为有得分的指标权重占比。';
  return wb;
}
