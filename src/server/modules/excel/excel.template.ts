/**
 * The entry template (填报模板): one row per indicator the user may enter for one org unit and period, last
 * period's value beside the cell to fill, everything but 本期值 and 填报说明 locked, and a hidden `_meta` sheet that
 * lets the import know which framework the file was made for.
 */
import ExcelJS from 'exceljs';
import {
  ENTRY_COLUMNS,
  ENTRY_SHEET,
  HELP_SHEET,
  META_SHEET,
  TEMPLATE_VERSION,
  type EntryColumnKey,
} from './excel.parse.ts';
import { HEADER_FILL, NUMBER_FORMAT, THIN_BORDER } from './excel.style.ts';
import { beijingTime } from '../../../domain/beijing-time.ts';

export interface TemplateRow {
  indicatorCode: string;
  name: string;
  unit: string;
  minValue: number | null;
  maxValue: number | null;
  previousValue: number | null;
  value: number | null;
  note: string | null;
}

export interface TemplateInput {
  frameworkId: string;
  frameworkYear: number;
  orgUnit: { id: string; code: string; name: string };
  period: string;
  previousPeriod: string | null;
  generatedAt: Date;
  generatedBy: string;
  rows: TemplateRow[];
}

const WIDTHS: Record<EntryColumnKey, number> = {
  indicatorCode: 11,
  indicatorName: 40,
  measure: 11,
  orgUnit: 13,
  orgUnitName: 14,
  period: 10,
  previous: 14,
  value: 14,
  note: 36,
};

/** The cells a reporter fills stand out from the locked reference columns. */
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9DB' } };
/** Excel's own limits for a decimal validation when an indicator has no bound of its own. */
const NO_BOUND = 1e15;

function validationFor(r: TemplateRow): ExcelJS.DataValidation {
  const lo = r.minValue ?? -NO_BOUND;
  const hi = r.maxValue ?? NO_BOUND;
  const range =
    r.minValue !== null && r.maxValue !== null
      ? `${r.minValue} 至 ${r.maxValue}`
      : r.minValue !== null
        ? `不小于 ${r.minValue}`
        : r.maxValue !== null
          ? `不大于 ${r.maxValue}`
          : '任意数值';
  return {
    type: 'decimal',
    operator: 'between',
    formulae: [lo, hi],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '数值超出范围',
    error: `${r.name}应填写${range}（${r.unit}）的数值 / a number in range ${lo}…${hi}`,
    showInputMessage: true,
    promptTitle: r.unit,
    prompt: `请填写数值，范围：${range}`,
  };
}

export async function buildTemplate(input: TemplateInput): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  wb.created = input.generatedAt;

  const ws = wb.addWorksheet(ENTRY_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = ENTRY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: WIDTHS[c.key] }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.height = 20;
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
  });

  for (const r of input.rows) {
    const row = ws.addRow({
      indicatorCode: r.indicatorCode,
      indicatorName: r.name,
      measure: r.unit,
      orgUnit: input.orgUnit.code,
      orgUnitName: input.orgUnit.name,
      period: input.period,
      previous: r.previousValue,
      value: r.value,
      note: r.note,
    });
    // Codes and periods stay text: Excel would otherwise turn 510403 into a number and 2024-11 into a date.
    for (const k of ['indicatorCode', 'orgUnit', 'period'] as const) row.getCell(k).numFmt = '@';
    row.getCell('previous').numFmt = NUMBER_FORMAT;
    const value = row.getCell('value');
    value.numFmt = NUMBER_FORMAT;
    value.dataValidation = validationFor(r);
    for (const k of ['value', 'note'] as const) {
      const c = row.getCell(k);
      c.protection = { locked: false };
      c.fill = INPUT_FILL;
    }
    row.getCell('note').alignment = { wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ENTRY_COLUMNS.length } };
  // No password: the lock guards against slips (a code typed over), not against a determined user, and a template
  // nobody can unprotect only frustrates. The import re-checks every cell anyway.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: false,
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 110;
  const lines: [string, boolean?][] = [
    ['攀枝花市共同富裕试验区 指标数据填报模板', true],
    [
      `填报单位：${input.orgUnit.name}（${input.orgUnit.code}）\u3000期别：${input.period}\u3000上期：${input.previousPeriod ?? '无'}\u3000指标体系：${input.frameworkYear} 年度`,
    ],
    [
      `生成时间：${beijingTime(input.generatedAt)}（北京时间）\u3000生成人：${input.generatedBy}\u3000共 ${input.rows.length} 项指标`,
    ],
    [''],
    ['填写方法', true],
    ['1. 在“填报表”的“本期值”列填写数值（黄色单元格），只填数字，不要带单位；百分比指标填 5.2 表示 5.2%。'],
    ['2. 需要说明的（如与上期变动较大、修改已退回的数据），在“填报说明”列填写原因。修改已退回的数据必须填写说明。'],
    ['3. “本期值”留空的行不导入（视为本次不填报），不会清除已保存的数据。'],
    ['4. 不要修改指标编码、单位编码和期别；可以在表中增加本单位及下级单位、其他期别的行，编码须与系统一致。'],
    ['5. 填好后在系统“数据填报 → 导入 Excel”上传本文件。导入为草稿，核对无误后在系统中提交审核。'],
    [
      '6. 导入是“全部成功或全部不导入”：只要有一处错误，系统会列出每个错误的行号、列号和原因，所有数据都不会写入；改正后重新上传即可。',
    ],
    ['7. 已提交、已审核或已发布的数据不能通过导入修改；本期已锁定时不能导入。“上期值”仅供参考，不会导入。'],
    ['8. 请勿删除或修改隐藏的“_meta”工作表，系统据此识别模板版本和指标体系。'],
    [''],
    ['Instructions (English)', true],
    [
      'Fill in the 本期值 (value) column with plain numbers (5.2 means 5.2% for indicators in %), and 填报说明 (note) where a',
    ],
    [
      'change needs explaining; a revision of a returned value requires a note. Rows with an empty value are skipped. Do not',
    ],
    [
      'change indicator codes, org unit codes or periods. Upload the file under Data entry → Import Excel: values are saved as',
    ],
    [
      'drafts, all or nothing — if any cell is wrong, every error is listed with its row and column and nothing is written.',
    ],
    [
      'Values already submitted, approved or published cannot be changed by an import. Keep the hidden _meta sheet intact.',
    ],
  ];
  for (const [text, bold] of lines) {
    const row = help.addRow([text]);
    if (bold) row.font = { bold: true, size: 12 };
  }

  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.addRows([
    ['templateVersion', TEMPLATE_VERSION],
    ['frameworkId', input.frameworkId],
    ['orgUnitId', input.orgUnit.id],
    ['period', input.period],
    ['generatedAt', input.generatedAt.toISOString()],
  ]);
  return wb;
}
