import ExcelJS from 'exceljs';
import { END_OF_PLAN_VERDICT_NAMES } from '../../../domain/end-of-plan.ts';
import { beijingTime } from '../../../domain/beijing-time.ts';
import type { EndOfPlanResponse } from '../../../shared/api/evaluation.ts';
import { colourFill, HEADER_FILL, THIN_BORDER } from '../excel/excel.style.ts';

const VERDICT_COLOUR = { met: 'green', notMet: 'red', noData: 'grey' } as const;
const SIGN: Record<string, string> = { atLeast: '≥', atMost: '≤' };

/** A target in the city's words: "确保 ≥ 43", "力争 ≥ 2500", "≤ 2", "72–80". */
export function targetWords(t: EndOfPlanResponse['rows'][number]['target']): string {
  if (t.comparison === 'between') return `${t.floor ?? '—'}–${t.upper ?? '—'}`;
  const sign = SIGN[t.comparison] ?? '';
  const parts: string[] = [];
  if (t.floor !== null) parts.push(`${t.stretch !== null ? '确保' : ''}${sign}${t.floor}`);
  if (t.stretch !== null) parts.push(`力争${sign}${t.stretch}`);
  return parts.join('，');
}

/** The number format of a figure in this unit: a ratio with two decimals (2.00 倍), a percentage with one or two. */
function numFmt(unit: string): string {
  return unit === '倍' ? '0.00' : unit === '%' || unit === '‰' ? '0.0#' : '#,##0.##';
}

/** 终期评估 as a workbook: one row per end-of-plan target, coloured by its verdict; the figures kept as numbers. */
export async function endOfPlanXlsx(r: EndOfPlanResponse): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  const ws = wb.addWorksheet('终期评估');
  ws.addRow([`共同富裕试验区终期评估（${r.year}年目标）`]).font = { bold: true, size: 14 };
  ws.addRow([
    `已达成 ${r.counts.met} 项，未达成 ${r.counts.notMet} 项，暂无数据 ${r.counts.noData} 项；` +
      `数据截至${r.asOf ? r.asOf.replace(/^(\d{4})-(\d{2})$/, (_, y: string, m: string) => `${y}年${Number(m)}月`) : '—'}，` +
      `计算于${beijingTime(r.computedAt)}（北京时间）${r.preview ? '；含已审核未发布数据（预览）' : ''}`,
  ]);
  const header = ws.addRow([
    '维度',
    '指标',
    '单位',
    '地区/单位',
    '目标类型',
    '目标',
    '最新值',
    '数据期',
    '评估结果',
    '说明',
    '目标来源',
    '演示数据',
  ]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN_BORDER;
  });
  for (const x of r.rows) {
    const row = ws.addRow([
      x.dimensionName,
      x.indicatorName,
      x.unit,
      x.orgUnitName,
      x.kind === 'endOfPlan' ? '规划期末目标' : '2025年年度目标',
      targetWords(x.target),
      x.actual,
      x.period ?? '—',
      END_OF_PLAN_VERDICT_NAMES[x.verdict].zh,
      x.text.zh + (x.unpublished ? '（未发布）' : ''),
      x.source,
      x.generated ? '是' : '',
    ]);
    row.getCell(7).numFmt = numFmt(x.unit);
    row.eachCell((c) => {
      c.border = THIN_BORDER;
    });
    row.getCell(9).fill = colourFill(VERDICT_COLOUR[x.verdict]);
  }
  [14, 30, 10, 12, 16, 18, 12, 10, 10, 44, 40, 10].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
