/**
 * Excel into the major-project ledger (issue 9): the project import template (项目导入模板: download, fill, upload) and
 * the monthly return template of a district (月度调度模板: its projects, last month's figures beside the cells to fill,
 * one row per project for the chosen month). Both imports are all or nothing: the file is read through the upload
 * gate (size, type, archive and row limits), every bad cell is reported by sheet, row and column in both languages,
 * and nothing is stored while one remains. The rules are the ledger's own (ProjectService: the code's shape, the
 * facts, the stage's dates; src/domain/projects/returns.ts: the return's errors and plausibility warnings), so a
 * row refused here is refused on the page too.
 */
import ExcelJS from 'exceljs';
import {
  hasStarted,
  plausibilityWarnings,
  validateReturn,
  type ReturnWarning,
} from '../../../domain/projects/index.ts';
import {
  FUNDING_SOURCE_NAMES,
  FUNDING_SOURCES,
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  type FundingSource,
} from '../../../domain/projects/types.ts';
import { isDate } from '../../../domain/lists/dates.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import {
  projectInputSchema,
  returnInputSchema,
  type ProjectInput,
  type ReturnInput,
} from '../../../shared/api/projects.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import { AppError, bilingual } from '../../errors.ts';
import { zodText } from '../../http/error-handler.ts';
import type { XlsxUpload } from '../../uploads/upload-gate.ts';
import type { RawCell, RawRow, SheetRows } from '../../uploads/xlsx-rows.ts';
import { byPosition, cellText, columnLetter, readMeta, readNumber } from '../excel/excel.parse.ts';
import { HEADER_FILL, THIN_BORDER, XLSX_MIME } from '../excel/excel.style.ts';
import type { ProjectRow, ReturnRow } from './project.repository.ts';
import type { ProjectService } from './project.service.ts';

export { XLSX_MIME };

export const RETURN_SHEET = '月度调度';
export const PROJECT_SHEET = '项目';
const HELP_SHEET = '说明';
const META_SHEET = '_meta';
const LISTS_SHEET = '_lists';
export const RETURN_TEMPLATE_VERSION = 'gongfu-project-returns/1';
export const PROJECT_TEMPLATE_VERSION = 'gongfu-projects/1';
/** A district has a few hundred projects at most; a province-sized import of one month stays well inside. */
export const MAX_IMPORT_ROWS = 20_001;
const MAX_COLUMNS = 64;
const MAX_ISSUES = 5_000;
/** The kinds of org unit a project belongs to (as ProjectService says). */
const PROJECT_UNIT_KINDS = ['city', 'district', 'county', 'zone'];

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9DB' } };

/** A generated workbook with the name it is offered under. */
export interface XlsxFile {
  fileName: string;
  asciiFileName: string;
  body: Buffer;
}

interface Column<K extends string> {
  key: K;
  header: string;
  en: string;
  width: number;
  required?: boolean;
  /** Filled by the user (the others are for reading). */
  input?: boolean;
}

const RETURN_COLUMNS = [
  { key: 'code', header: '项目代码', en: 'project code', width: 27, required: true },
  { key: 'name', header: '项目名称', en: 'project name', width: 36 },
  { key: 'prevYtd', header: '上月本年累计（万元）', en: 'last month’s year to date', width: 14 },
  { key: 'prevSinceStart', header: '上月开工累计（万元）', en: 'last month’s since start', width: 14 },
  { key: 'prevProgress', header: '上月形象进度', en: 'last month’s progress', width: 28 },
  { key: 'thisMonth', header: '本月完成投资（万元）', en: 'this month', width: 14, required: true, input: true },
  { key: 'ytd', header: '本年累计（万元）', en: 'year to date', width: 14, input: true },
  { key: 'sinceStart', header: '开工累计（万元）', en: 'since start', width: 14, input: true },
  { key: 'progressText', header: '形象进度说明', en: 'physical progress', width: 36, input: true },
  { key: 'progressPercent', header: '形象进度百分比（%）', en: 'progress (%)', width: 12, input: true },
  { key: 'workers', header: '在岗人数', en: 'workers on site', width: 10, input: true },
  { key: 'version', header: '版本', en: 'version', width: 7 },
] as const satisfies readonly Column<string>[];
type ReturnKey = (typeof RETURN_COLUMNS)[number]['key'];

const FUNDING_COLUMNS = FUNDING_SOURCES.map((s) => ({
  key: `funding.${s}` as const,
  header: `资金来源：${FUNDING_SOURCE_NAMES[s].zh}（万元）`,
  en: `funding: ${FUNDING_SOURCE_NAMES[s].en}`,
  width: 14,
  input: true,
}));

const PROJECT_COLUMNS = [
  { key: 'code', header: '项目代码', en: 'project code', width: 27, required: true, input: true },
  { key: 'name', header: '项目名称', en: 'project name', width: 32, required: true, input: true },
  { key: 'owner', header: '业主单位', en: 'owner', width: 28, required: true, input: true },
  { key: 'level', header: '项目级别', en: 'level', width: 16, required: true, input: true },
  { key: 'chain', header: '产业链', en: 'industry chain', width: 12, required: true, input: true },
  { key: 'districtId', header: '所在区县', en: 'district', width: 14, required: true, input: true },
  { key: 'totalInvestment', header: '总投资（万元）', en: 'total investment', width: 14, required: true, input: true },
  ...FUNDING_COLUMNS,
  { key: 'stage', header: '项目阶段', en: 'stage', width: 12, required: true, input: true },
  { key: 'plannedStart', header: '计划开工日期', en: 'planned start', width: 13, input: true },
  { key: 'plannedCompletion', header: '计划竣工日期', en: 'planned completion', width: 13, input: true },
  { key: 'plannedProduction', header: '计划投产日期', en: 'planned production', width: 13, input: true },
  { key: 'actualStart', header: '实际开工日期', en: 'actual start', width: 13, input: true },
  { key: 'actualCompletion', header: '实际竣工日期', en: 'actual completion', width: 13, input: true },
  { key: 'actualProduction', header: '实际投产日期', en: 'actual production', width: 13, input: true },
  { key: 'statisticsStatus', header: '入库纳统', en: 'in the statistics', width: 10, input: true },
  { key: 'content', header: '建设内容', en: 'content', width: 40, input: true },
] as const satisfies readonly Column<string>[];
type ProjectKey = (typeof PROJECT_COLUMNS)[number]['key'];

const STATISTICS_NAMES = { entered: '已入库', notEntered: '未入库' } as const;

/** A header as typed: spaces and a bracketed unit left out, so `本月完成投资(万元)` names 本月完成投资. */
function headerText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/\([^)]*\)$/u, '');
}

interface Header<K extends string> {
  row: number;
  col: Map<K, number>;
}

function findHeader<K extends string>(
  sheet: string,
  rows: readonly RawRow[],
  columns: readonly Column<K>[],
  issues: FieldIssue[],
): Header<K> | null {
  const byText = new Map(columns.map((c) => [headerText(c.header), c]));
  for (const r of rows) {
    if (r.row > 10) break;
    const col = new Map<K, number>();
    r.cells.forEach((cell, i) => {
      const text = cell ? cellText(cell.value) : null;
      const c = text ? byText.get(headerText(text)) : undefined;
      if (!c) return;
      if (col.has(c.key)) {
        issues.push({
          sheet,
          row: r.row,
          column: columnLetter(i + 1),
          field: c.header,
          ...bilingual(`表头“${c.header}”重复出现`, `duplicate column header “${c.en}”`),
        });
      } else col.set(c.key, i + 1);
    });
    if (!col.has(columns[0]?.key as K)) continue;
    for (const c of columns) {
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
      `前 10 行中找不到表头（应含“${columns[0]?.header ?? ''}”），请使用下载的模板`,
      'no header row found in the first 10 rows; use the downloaded template',
    ),
  });
  return null;
}

function fileIssue(zh: string, en: string, sheet?: string): FieldIssue {
  return { field: 'file', ...(sheet ? { sheet, row: 1 } : {}), ...bilingual(zh, en) };
}

const unprocessable = (issues: FieldIssue[], what: LocalizedText) => {
  const sorted = [...issues].sort(byPosition);
  const shown = sorted.slice(0, MAX_ISSUES);
  const more = sorted.length - shown.length;
  return new AppError(
    'UNPROCESSABLE',
    {
      zh: `文件中有 ${sorted.length} 处错误，未导入任何${what.zh}${more > 0 ? `（仅列出前 ${MAX_ISSUES} 处）` : ''}，请改正后重新上传`,
      en: `The file has ${sorted.length} errors; no ${what.en} were imported${more > 0 ? ` (first ${MAX_ISSUES} listed)` : ''}`,
    },
    shown,
  );
};

/**
 * A date cell as YYYY-MM-DD: a date cell (ExcelJS reads them as UTC midnight), or text typed as 2025-03-01,
 * 2025/3/1, 2025.3.1 or 2025年3月1日.
 *
 * @example readDate({ value: '2025年3月1日' }) → { kind: 'date', value: '2025-03-01' }
 */
export function readDate(
  cell: RawCell | undefined,
): { kind: 'empty' } | { kind: 'date'; value: string } | { kind: 'invalid' } {
  if (!cell) return { kind: 'empty' };
  const v = cell.value;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { kind: 'invalid' };
    return { kind: 'date', value: v.toISOString().slice(0, 10) };
  }
  const t = cellText(v);
  if (t === null) return { kind: 'empty' };
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t.replace(/\s/g, ''));
  if (!m) return { kind: 'invalid' };
  const date = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
  return isDate(date) ? { kind: 'date', value: date } : { kind: 'invalid' };
}

/** What an import answered: what was written and the warnings the reviewer will see. */
export interface ReturnImportResult {
  month: string;
  imported: number;
  created: number;
  updated: number;
  skipped: number;
  /** The returns written (drafts), to submit for review next. */
  returns: { id: string; projectId: string; code: string; version: number }[];
  warnings: (FieldIssue & { text: LocalizedText })[];
}

export interface ProjectImportResult {
  imported: number;
  skipped: number;
  ids: string[];
}

/** The month-import's rows checked, before anything is written (the bench measures both halves). */
interface CheckedReturn {
  project: ProjectRow;
  existing: ReturnRow | null;
  input: ReturnInput;
  warnings: ReturnWarning[];
  row: number;
}

/**
 * The ledger's Excel imports. Scope is the ledger's: the return template and import for the district reporters of
 * the units (their entry scope), the project template and import for whoever may register projects there.
 */
export class ProjectImportService {
  private readonly projects: ProjectService;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;

  constructor(deps: { projects: ProjectService; org: () => OrgIndex; access: () => Access }) {
    this.projects = deps.projects;
    this.org = deps.org;
    this.access = deps.access;
  }

  private get repo() {
    return this.projects.repo;
  }

  /** The units the actor may register projects in (the city, districts, counties, the zone), in tree order. */
  enterableUnits(actor: Actor) {
    const org = this.org();
    return [...org.byId.values()].filter(
      (n) => PROJECT_UNIT_KINDS.includes(n.kind) && this.access().canEditProject(actor, n.id),
    );
  }

  // ——— the monthly return template ———

  /** The month a template is for by default: the one whose return is due (the judged month). */
  defaultMonth(): string {
    return this.projects.judgedMonth();
  }

  /** The projects of the district that owe a return for the month and are still open to the reporter. */
  private async fileable(districtId: string, month: string) {
    const org = this.org();
    const units = [...org.byId.values()].filter((n) => org.within(n.id, [districtId])).map((n) => n.id);
    const rows = (await this.repo.projects(this.repo.k, { districtIds: units })).filter(
      (p) =>
        hasStarted(p.stage) &&
        p.actual_start !== null &&
        p.actual_start.slice(0, 7) <= month &&
        (p.actual_completion === null || p.actual_completion.slice(0, 7) >= month),
    );
    const ids = rows.map((r) => r.id);
    const [current, previous] = await Promise.all([
      this.repo.returns(this.repo.k, ids, { from: month, to: month }),
      this.repo.previousReturns(this.repo.k, ids, month),
    ]);
    const currentOf = new Map(current.map((r) => [r.project_id, r]));
    const previousOf = new Map(previous.map((r) => [r.project_id, r]));
    return { rows, currentOf, previousOf };
  }

  async returnTemplate(actor: Actor, districtId: string, monthArg?: string): Promise<XlsxFile> {
    const org = this.org();
    const unit = org.get(districtId);
    if (!unit || !PROJECT_UNIT_KINDS.includes(unit.kind))
      throw new AppError('NOT_FOUND', { zh: `未找到区县 ${districtId}`, en: `District ${districtId} not found` });
    if (!this.access().canFileProjectReturn(actor, districtId)) throw new AppError('OUT_OF_SCOPE');
    const month = monthArg ?? this.defaultMonth();
    const today = this.projects.today();
    if (month > today.slice(0, 7)) {
      throw new AppError(
        'VALIDATION',
        { zh: `不能填报未来月份（${month}）的月报`, en: `No return for a future month (${month})` },
        [
          {
            field: 'month',
            ...bilingual(`不能填报未来月份（${month}）的月报`, `no return for a future month (${month})`),
          },
        ],
      );
    }
    const { rows, currentOf, previousOf } = await this.fileable(districtId, month);
    const open = rows.filter((p) => {
      const r = currentOf.get(p.id);
      return !r || r.status === 'draft' || r.status === 'returned';
    });
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Gongfu';
    const ws = wb.addWorksheet(RETURN_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    ws.columns = RETURN_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    header.height = 32;
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.border = THIN_BORDER;
    });
    const year = month.slice(0, 4);
    for (const p of open) {
      const prev = previousOf.get(p.id);
      const cur = currentOf.get(p.id);
      const row = ws.addRow({
        code: p.code ?? '',
        name: p.name,
        prevYtd: prev && prev.month.startsWith(`${year}-`) ? prev.ytd : null,
        prevSinceStart: prev ? prev.since_start : null,
        prevProgress: prev ? `${prev.progress_text}（${prev.progress_percent}%）` : null,
        thisMonth: cur?.this_month ?? null,
        ytd: cur?.ytd ?? null,
        sinceStart: cur?.since_start ?? null,
        progressText: cur?.progress_text ?? null,
        progressPercent: cur?.progress_percent ?? null,
        workers: cur?.workers ?? null,
        version: cur?.version ?? null,
      });
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = THIN_BORDER;
        const c = RETURN_COLUMNS[col - 1];
        if (c && 'input' in c && c.input) {
          cell.fill = INPUT_FILL;
          cell.protection = { locked: false };
        }
      });
    }
    for (const k of ['prevYtd', 'prevSinceStart', 'thisMonth', 'ytd', 'sinceStart'] as const)
      ws.getColumn(k).numFmt = '#,##0.0';
    ws.getColumn('code').numFmt = '@';
    const validations = (ws as unknown as SheetValidations).dataValidations;
    const last = Math.max(open.length + 1, 2);
    const letter = (k: ReturnKey) => columnLetter(RETURN_COLUMNS.findIndex((c) => c.key === k) + 1);
    for (const k of ['thisMonth', 'ytd', 'sinceStart'] as const) {
      validations.add(`${letter(k)}2:${letter(k)}${last}`, {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: '应为不小于0的数值',
        error: '请填写不小于0的金额（万元）/ an amount of at least 0 (万元)',
      });
    }
    validations.add(`${letter('progressPercent')}2:${letter('progressPercent')}${last}`, {
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '应在0–100之间',
      error: '形象进度百分比应在0–100之间 / between 0 and 100',
    });
    validations.add(`${letter('workers')}2:${letter('workers')}${last}`, {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '应为整数',
      error: '在岗人数应为不小于0的整数 / a whole number of at least 0',
    });
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });

    const help = wb.addWorksheet(HELP_SHEET);
    help.getColumn(1).width = 110;
    [
      `${unit.name} ${month} 月度调度（重大项目月报）导入模板，生成于 ${today}。`,
      `每行一个项目：填写黄色单元格后在“月度调度”页面点“导入”上传。本月完成投资为空的行不导入；导入全部成功或全部不导入，每处错误按行列列出。`,
      `本年累计、开工累计留空时按上月数加本月完成投资计算（1月的本年累计即本月完成投资）。金额单位：万元。`,
      `导入后月报为草稿，请在导入结果中“报送审核”，由区县审核人员审核；已报送或已审核的月报不在模板中，也不能导入修改。`,
      `“版本”列请勿修改：他人在您下载后修改过的月报会被拒绝（请重新下载模板）。`,
      `模板中只有${month}已开工、未竣工的项目；不在您填报范围内的项目不能导入。`,
    ].forEach((line, i) => (help.getCell(i + 1, 1).value = line));
    const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
    meta.addRow(['template', RETURN_TEMPLATE_VERSION]);
    meta.addRow(['districtId', unit.id]);
    meta.addRow(['month', month]);
    return {
      fileName: `月度调度模板_${unit.name}_${month}.xlsx`,
      asciiFileName: `project-returns_${unit.id}_${month}.xlsx`,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  /**
   * Reads a filled return template and checks every row; throws 422 with every bad cell, or 409 with every row
   * whose return changed since the template was made. Returns what may be written.
   */
  async checkReturns(
    actor: Actor,
    sheets: readonly SheetRows[],
  ): Promise<{ month: string; checked: CheckedReturn[]; skipped: number; warnings: ReturnImportResult['warnings'] }> {
    const issues: FieldIssue[] = [];
    const stale: FieldIssue[] = [];
    const metaSheet = sheets.find((s) => s.name === META_SHEET);
    const meta = metaSheet ? readMeta(metaSheet.rows) : new Map<string, string>();
    const sheet = sheets.find((s) => s.name === RETURN_SHEET);
    if (meta.get('template') !== RETURN_TEMPLATE_VERSION || !sheet) {
      throw unprocessable(
        [
          fileIssue(
            '这不是本系统下载的月度调度模板（或模板已过期），请重新下载模板填写',
            'not a monthly-return template downloaded from Gongfu (or an outdated one); download the template again',
          ),
        ],
        { zh: '月报', en: 'returns' },
      );
    }
    const month = meta.get('month') ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw unprocessable(
        [fileIssue('模板中的月份无效，请重新下载模板', 'the template’s month is invalid; download it again')],
        {
          zh: '月报',
          en: 'returns',
        },
      );
    }
    const today = this.projects.today();
    if (month > today.slice(0, 7)) {
      issues.push(
        fileIssue(`不能填报未来月份（${month}）的月报`, `no return for a future month (${month})`, RETURN_SHEET),
      );
    }
    const header = findHeader(sheet.name, sheet.rows, RETURN_COLUMNS, issues);
    if (!header || issues.length > 0) throw unprocessable(issues, { zh: '月报', en: 'returns' });
    const colOf = (k: ReturnKey) => header.col.get(k);
    const cell = (r: RawRow, k: ReturnKey) => {
      const c = colOf(k);
      return c === undefined ? undefined : r.cells[c - 1];
    };
    const headerOf = (k: ReturnKey) => RETURN_COLUMNS.find((c) => c.key === k)?.header ?? k;
    const at = (r: RawRow, k: ReturnKey, zh: string, en: string, into = issues) => {
      const c = colOf(k);
      into.push({
        sheet: sheet.name,
        row: r.row,
        ...(c !== undefined ? { column: columnLetter(c) } : {}),
        field: headerOf(k),
        ...bilingual(zh, en),
      });
    };
    const data = sheet.rows.filter((r) => r.row > header.row);
    const inputKeys = RETURN_COLUMNS.filter((c) => 'input' in c && c.input).map((c) => c.key);
    const filled = data.filter((r) => inputKeys.some((k) => cell(r, k) !== undefined));
    const skipped = data.length - filled.length;
    const codes = [
      ...new Set(filled.map((r) => cellText(cell(r, 'code')?.value ?? null)).filter((c): c is string => !!c)),
    ];
    const known = new Map((await this.repo.projectsByCodes(this.repo.k, codes)).map((p) => [p.code ?? '', p]));
    const ids = [...known.values()].map((p) => p.id);
    const year = Number(month.slice(0, 4));
    const [current, previous, plans] = await Promise.all([
      this.repo.returns(this.repo.k, ids, { from: month, to: month }),
      this.repo.previousReturns(this.repo.k, ids, month),
      this.repo.plans(this.repo.k, ids, year),
    ]);
    const currentOf = new Map(current.map((r) => [r.project_id, r]));
    const previousOf = new Map(previous.map((r) => [r.project_id, r]));
    const planOf = new Map(plans.map((p) => [p.project_id, p.planned]));
    const firstRowOf = new Map<string, number>();
    const checked: CheckedReturn[] = [];
    const warnings: ReturnImportResult['warnings'] = [];
    const access = this.access();

    for (const r of filled) {
      const before = issues.length;
      const code = cellText(cell(r, 'code')?.value ?? null);
      const project = code ? known.get(code) : undefined;
      if (!code) at(r, 'code', '缺少项目代码', 'project code missing');
      else if (!project) at(r, 'code', `台账中没有项目代码“${code}”`, `no project with the code ${code} in the ledger`);
      else if (!access.canFileProjectReturn(actor, project.district_id)) {
        const unit = this.org().get(project.district_id)?.name ?? project.district_id;
        at(
          r,
          'code',
          `项目「${project.name}」属于${unit}，不在您的填报范围`,
          `the project belongs to ${unit}, outside the units you report for`,
        );
      } else {
        const first = firstRowOf.get(project.id);
        if (first !== undefined) at(r, 'code', `与第 ${first} 行是同一项目`, `the same project as row ${first}`);
        else firstRowOf.set(project.id, r.row);
      }
      const number = (k: 'thisMonth' | 'ytd' | 'sinceStart' | 'progressPercent' | 'workers') => {
        const reading = readNumber(cell(r, k));
        if (reading.kind === 'invalid') {
          at(r, k, reading.reason.zh, reading.reason.en);
          return undefined;
        }
        return reading.kind === 'empty' ? null : reading.value;
      };
      const thisMonth = number('thisMonth');
      const ytdCell = number('ytd');
      const sinceCell = number('sinceStart');
      const percent = number('progressPercent');
      const workers = number('workers');
      if (thisMonth === null) at(r, 'thisMonth', '必填', 'required');
      if (percent === null) at(r, 'progressPercent', '必填', 'required');
      if (workers === null) at(r, 'workers', '必填', 'required');
      const progressText = cellText(cell(r, 'progressText')?.value ?? null);
      if (!progressText) at(r, 'progressText', '必填', 'required');
      else if (progressText.length > 500) at(r, 'progressText', '超过500字', 'longer than 500 characters');
      const versionReading = readNumber(cell(r, 'version'));
      if (issues.length > before || !project) continue;
      const prev = previousOf.get(project.id) ?? null;
      const tm = thisMonth as number;
      const ytd = ytdCell ?? (prev && prev.month.startsWith(`${month.slice(0, 4)}-`) ? prev.ytd : 0) + tm;
      const sinceStart = sinceCell ?? (prev ? prev.since_start : 0) + tm;
      const parsed = returnInputSchema.safeParse({
        version: null,
        thisMonth: tm,
        ytd,
        sinceStart,
        progressText,
        progressPercent: percent,
        workers,
        problems: [],
      });
      if (!parsed.success) {
        for (const z of parsed.error.issues) {
          const k = String(z.path[0] ?? 'code') as ReturnKey;
          const text = zodText(z.message).text;
          at(r, RETURN_COLUMNS.some((c) => c.key === k) ? k : 'code', text.zh, text.en);
        }
        continue;
      }
      const figures = { month, ...parsed.data };
      const facts = {
        stage: project.stage,
        actualStart: project.actual_start,
        actualCompletion: project.actual_completion,
        totalInvestment: project.total_investment,
      };
      for (const p of validateReturn(figures, facts)) {
        const k = (RETURN_COLUMNS.some((c) => c.key === p.field) ? p.field : 'code') as ReturnKey;
        at(r, k, p.message.zh, p.message.en);
      }
      const existing = currentOf.get(project.id) ?? null;
      if (existing && (existing.status === 'submitted' || existing.status === 'approved')) {
        at(
          r,
          'code',
          existing.status === 'approved'
            ? `${month}的月报已审核，不能修改`
            : `${month}的月报已报送，待审核期间不能修改`,
          existing.status === 'approved'
            ? `the ${month} return is approved and cannot be changed`
            : `the ${month} return is under review`,
        );
      }
      if (issues.length > before) continue;
      const version = versionReading.kind === 'number' ? versionReading.value : null;
      if (existing && version !== existing.version) {
        at(
          r,
          'version',
          `项目「${project.name}」${month}的月报在模板下载后已被修改（现为第 ${existing.version} 版），请重新下载模板`,
          `the ${month} return was changed after the template was downloaded (now version ${existing.version}); download it again`,
          stale,
        );
        continue;
      }
      const w = plausibilityWarnings(
        figures,
        facts,
        {
          annualPlanned: planOf.get(project.id) ?? null,
          previous: prev ? { month: prev.month, ytd: prev.ytd, sinceStart: prev.since_start } : null,
        },
        this.projects.rules,
      );
      for (const x of w) {
        const k = (RETURN_COLUMNS.some((c) => c.key === x.field) ? x.field : 'code') as ReturnKey;
        const c = colOf(k);
        warnings.push({
          sheet: sheet.name,
          row: r.row,
          ...(c !== undefined ? { column: columnLetter(c) } : {}),
          field: headerOf(k),
          ...bilingual(`${project.name}：${x.message.zh}`, `${project.name}: ${x.message.en}`),
        });
      }
      checked.push({
        project,
        existing,
        input: { ...parsed.data, version: existing?.version ?? null },
        warnings: w,
        row: r.row,
      });
    }
    if (issues.length > 0) throw unprocessable([...issues, ...stale], { zh: '月报', en: 'returns' });
    if (stale.length > 0) {
      throw new AppError(
        'CONFLICT',
        {
          zh: `${stale.length} 个项目的月报在模板下载后已被修改，未导入任何月报，请重新下载模板`,
          en: `${stale.length} returns were changed after the template was downloaded; nothing was imported, download the template again`,
        },
        stale.sort(byPosition),
      );
    }
    if (checked.length === 0) {
      throw unprocessable(
        [
          fileIssue(
            '文件中没有填写本月完成投资的行，未导入任何月报',
            'no row has this month’s investment; nothing to import',
            RETURN_SHEET,
          ),
        ],
        { zh: '月报', en: 'returns' },
      );
    }
    return { month, checked, skipped, warnings };
  }

  /** The filled return template as drafts, all or nothing. */
  async importReturns(actor: Actor, file: XlsxUpload): Promise<ReturnImportResult> {
    const sheets = await file.sheets({ maxRows: MAX_IMPORT_ROWS, maxColumns: MAX_COLUMNS });
    const { month, checked, skipped, warnings } = await this.checkReturns(actor, sheets);
    const written = await this.projects.writeImportedReturns(actor, month, checked);
    const codeOf = new Map(checked.map((c) => [c.project.id, c.project.code ?? '']));
    return {
      month,
      imported: written.length,
      created: checked.filter((c) => !c.existing).length,
      updated: checked.filter((c) => c.existing).length,
      skipped,
      returns: written.map((w) => ({ ...w, code: codeOf.get(w.projectId) ?? '' })),
      warnings,
    };
  }

  // ——— the project template ———

  async projectTemplate(actor: Actor): Promise<XlsxFile> {
    const units = this.enterableUnits(actor);
    if (units.length === 0) throw new AppError('OUT_OF_SCOPE');
    const chains = this.projects.chains();
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Gongfu';
    const ws = wb.addWorksheet(PROJECT_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    ws.columns = PROJECT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    header.height = 44;
    header.eachCell((cell, col) => {
      cell.fill = HEADER_FILL;
      cell.border = THIN_BORDER;
      const c = PROJECT_COLUMNS[col - 1];
      if (c && 'required' in c && c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    });
    const lists = wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    const columnsOfLists: string[][] = [
      PROJECT_LEVELS.map((l) => PROJECT_LEVEL_NAMES[l].zh),
      chains.map((c) => c.name.zh),
      units.map((u) => u.name),
      PROJECT_STAGES.map((s) => PROJECT_STAGE_NAMES[s].zh),
      Object.values(STATISTICS_NAMES),
    ];
    columnsOfLists.forEach((values, i) => values.forEach((v, j) => (lists.getCell(j + 1, i + 1).value = v)));
    const lastRow = 5_000;
    const validations = (ws as unknown as SheetValidations).dataValidations;
    const letter = (k: ProjectKey) => columnLetter(PROJECT_COLUMNS.findIndex((c) => c.key === k) + 1);
    const list = (k: ProjectKey, listColumn: number, count: number) => {
      const l = columnLetter(listColumn);
      validations.add(`${letter(k)}2:${letter(k)}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`${LISTS_SHEET}!$${l}$1:$${l}$${Math.max(count, 1)}`],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: '请从下拉列表中选择 / choose from the list',
      });
    };
    list('level', 1, PROJECT_LEVELS.length);
    list('chain', 2, chains.length);
    list('districtId', 3, units.length);
    list('stage', 4, PROJECT_STAGES.length);
    list('statisticsStatus', 5, 2);
    const amounts: ProjectKey[] = ['totalInvestment', ...FUNDING_COLUMNS.map((c) => c.key)];
    for (const k of amounts) {
      validations.add(`${letter(k)}2:${letter(k)}${lastRow}`, {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: '应为不小于0的数值',
        error: '请填写不小于0的金额（万元）/ an amount of at least 0 (万元)',
      });
      ws.getColumn(k).numFmt = '#,##0.0';
    }
    for (const k of [
      'plannedStart',
      'plannedCompletion',
      'plannedProduction',
      'actualStart',
      'actualCompletion',
      'actualProduction',
    ] as const) {
      validations.add(`${letter(k)}2:${letter(k)}${lastRow}`, {
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(2000, 0, 1))],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: '应为日期',
        error: '请填写日期，如 2025-03-01 / a date such as 2025-03-01',
      });
      ws.getColumn(k).numFmt = 'yyyy-mm-dd';
    }
    ws.getColumn('code').numFmt = '@';

    const help = wb.addWorksheet(HELP_SHEET);
    help.getColumn(1).width = 110;
    const year = this.projects.today().slice(0, 4);
    [
      '重大项目导入模板：每行一个项目，红色表头为必填。导入全部成功或全部不导入，每处错误按行列列出。',
      `项目代码为投资项目在线审批监管平台赋予的统一代码（GB/T 40058-2021 格式：年份-行政区划-行业-类型-流水号，如 ${year}-510403-32-03-123456）；系统检查格式、年份和行政区划段（须为本市及所辖区县），不能与台账中已有项目重复。`,
      `项目级别、产业链、所在区县、项目阶段、入库纳统请从下拉列表中选择；所在区县只列出您可登记项目的单位（${units.map((u) => u.name).join('、')}）。`,
      '金额单位：万元；各资金来源之和不能超过总投资。日期格式如 2025-03-01。已开工的项目须填实际开工日期，已竣工的须填实际竣工日期。',
      '导入后项目进入台账；年度计划与月度调度在项目页面或“月度调度模板”中填报。',
    ].forEach((line, i) => (help.getCell(i + 1, 1).value = line));
    const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
    meta.addRow(['template', PROJECT_TEMPLATE_VERSION]);
    return {
      fileName: `重大项目导入模板.xlsx`,
      asciiFileName: 'projects-template.xlsx',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  /** Reads and checks a filled project template: the inputs to register, or 422 with every bad cell. */
  async checkProjects(
    actor: Actor,
    sheets: readonly SheetRows[],
  ): Promise<{ inputs: ProjectInput[]; rows: number[]; skipped: number }> {
    const issues: FieldIssue[] = [];
    const sheet = sheets.find((s) => s.name === PROJECT_SHEET);
    const what = { zh: '项目', en: 'projects' };
    if (!sheet) {
      throw unprocessable(
        [
          fileIssue(
            `找不到“${PROJECT_SHEET}”工作表，请使用下载的重大项目导入模板`,
            `no sheet “${PROJECT_SHEET}”; use the downloaded template`,
          ),
        ],
        what,
      );
    }
    const header = findHeader(sheet.name, sheet.rows, PROJECT_COLUMNS, issues);
    if (!header || issues.length > 0) throw unprocessable(issues, what);
    const colOf = (k: ProjectKey) => header.col.get(k);
    const cell = (r: RawRow, k: ProjectKey) => {
      const c = colOf(k);
      return c === undefined ? undefined : r.cells[c - 1];
    };
    const headerOf = (k: ProjectKey) => PROJECT_COLUMNS.find((c) => c.key === k)?.header ?? k;
    const at = (r: RawRow, k: ProjectKey, text: LocalizedText) => {
      const c = colOf(k);
      issues.push({
        sheet: sheet.name,
        row: r.row,
        ...(c !== undefined ? { column: columnLetter(c) } : {}),
        field: headerOf(k),
        ...bilingual(text.zh, text.en),
      });
    };
    const org = this.org();
    const enterable = this.enterableUnits(actor);
    const unitByRef = new Map<string, string>();
    for (const n of org.byId.values()) {
      if (!PROJECT_UNIT_KINDS.includes(n.kind)) continue;
      for (const ref of [n.id, n.code, n.name, n.nameEn]) if (ref) unitByRef.set(ref.normalize('NFKC'), n.id);
    }
    const chainByRef = new Map<string, string>();
    for (const c of this.projects.chains())
      for (const ref of [c.code, c.name.zh, c.name.en]) chainByRef.set(ref, c.code);
    const byName = <T extends string>(names: Readonly<Record<T, LocalizedText>>) => {
      const m = new Map<string, T>();
      for (const [k, v] of Object.entries(names) as [T, LocalizedText][])
        for (const ref of [k, v.zh, v.en]) m.set(ref, k);
      return m;
    };
    const levelByRef = byName(PROJECT_LEVEL_NAMES);
    levelByRef.set('省重点', 'provincial');
    levelByRef.set('市重点', 'city');
    levelByRef.set('区县重点项目', 'district');
    const stageByRef = byName(PROJECT_STAGE_NAMES);
    stageByRef.set('在建', 'underConstruction');
    stageByRef.set('续建', 'underConstruction');
    const data = sheet.rows.filter((r) => r.row > header.row);
    const inputs: ProjectInput[] = [];
    const rowsOf: number[] = [];
    const firstRowOf = new Map<string, number>();
    for (const r of data) {
      const before = issues.length;
      const text = (k: ProjectKey) => cellText(cell(r, k)?.value ?? null);
      const pick = <T>(k: ProjectKey, refs: ReadonlyMap<string, T>, what: LocalizedText): T | undefined => {
        const t = text(k);
        if (!t) return undefined;
        const v = refs.get(t);
        if (v === undefined)
          at(r, k, {
            zh: `未知的${what.zh}“${t}”，请从下拉列表中选择`,
            en: `unknown ${what.en} “${t}”; choose from the list`,
          });
        return v;
      };
      const amount = (k: ProjectKey): number | null | undefined => {
        const reading = readNumber(cell(r, k));
        if (reading.kind === 'invalid') {
          at(r, k, reading.reason);
          return undefined;
        }
        if (reading.kind === 'empty') return null;
        if (reading.value < 0) {
          at(r, k, { zh: '不能为负数', en: 'must not be negative' });
          return undefined;
        }
        return reading.value;
      };
      const date = (k: ProjectKey): string | null => {
        const d = readDate(cell(r, k));
        if (d.kind === 'invalid') {
          at(r, k, { zh: '不是有效日期，应如 2025-03-01', en: 'not a valid date; expected e.g. 2025-03-01' });
          return null;
        }
        return d.kind === 'date' ? d.value : null;
      };
      const level = pick('level', levelByRef, { zh: '项目级别', en: 'level' });
      const chain = pick('chain', chainByRef, { zh: '产业链', en: 'industry chain' });
      const stage = pick('stage', stageByRef, { zh: '项目阶段', en: 'stage' });
      const unitRef = text('districtId');
      const districtId = unitRef ? unitByRef.get(unitRef) : undefined;
      if (unitRef && !districtId)
        at(r, 'districtId', {
          zh: `未知的区县“${unitRef}”，请从下拉列表中选择`,
          en: `unknown district “${unitRef}”; choose from the list`,
        });
      else if (districtId && !enterable.some((u) => u.id === districtId)) {
        at(r, 'districtId', {
          zh: `${org.get(districtId)?.name ?? unitRef}不在您可登记项目的范围内`,
          en: `${org.get(districtId)?.nameEn ?? unitRef} is outside the units you may register projects for`,
        });
      }
      const total = amount('totalInvestment');
      const funding: { source: FundingSource; amount: number }[] = [];
      for (const c of FUNDING_COLUMNS) {
        const v = amount(c.key);
        if (typeof v === 'number' && v > 0)
          funding.push({ source: c.key.slice('funding.'.length) as FundingSource, amount: v });
      }
      const statistics = text('statisticsStatus');
      const statisticsStatus =
        statistics === null
          ? 'notEntered'
          : statistics === STATISTICS_NAMES.entered || statistics === 'entered'
            ? 'entered'
            : statistics === STATISTICS_NAMES.notEntered || statistics === 'notEntered'
              ? 'notEntered'
              : undefined;
      if (statisticsStatus === undefined)
        at(r, 'statisticsStatus', { zh: `“${statistics}”应为“已入库”或“未入库”`, en: 'must be 已入库 or 未入库' });
      const candidate = {
        code: text('code') ?? '',
        name: text('name') ?? '',
        owner: text('owner') ?? '',
        level: level ?? (text('level') ? 'city' : ''),
        chain: chain ?? (text('chain') ? 'x' : ''),
        districtId: districtId ?? (unitRef ? 'x' : ''),
        totalInvestment: total === undefined ? 0 : total,
        funding,
        stage: stage ?? (text('stage') ? 'reserve' : ''),
        plannedStart: date('plannedStart'),
        plannedCompletion: date('plannedCompletion'),
        plannedProduction: date('plannedProduction'),
        actualStart: date('actualStart'),
        actualCompletion: date('actualCompletion'),
        actualProduction: date('actualProduction'),
        statisticsStatus: statisticsStatus ?? 'notEntered',
        content: text('content') ?? '',
        listItemId: null,
      };
      if (total === null) at(r, 'totalInvestment', { zh: '必填', en: 'required' });
      const parsed = projectInputSchema.safeParse(candidate);
      if (!parsed.success) {
        for (const z of parsed.error.issues) {
          const k = String(z.path[0] ?? 'code');
          // A value already reported above (an unknown list entry) stands for itself.
          if (['level', 'chain', 'districtId', 'stage'].includes(k) && text(k as ProjectKey)) continue;
          if (k === 'totalInvestment' && total === null) continue;
          const column = (
            PROJECT_COLUMNS.some((c) => c.key === k) ? k : k === 'funding' ? FUNDING_COLUMNS[0]?.key : 'code'
          ) as ProjectKey;
          at(r, column, zodText(z.message).text);
        }
      }
      if (issues.length > before || !parsed.success) continue;
      for (const p of this.projects.newProjectIssues(parsed.data)) {
        const k = (
          PROJECT_COLUMNS.some((c) => c.key === p.field)
            ? p.field
            : p.field === 'funding'
              ? FUNDING_COLUMNS[0]?.key
              : 'code'
        ) as ProjectKey;
        at(r, k, p.text);
      }
      const code = parsed.data.code.trim();
      const first = firstRowOf.get(code);
      if (first !== undefined)
        at(r, 'code', { zh: `项目代码与第 ${first} 行重复`, en: `the same project code as row ${first}` });
      else firstRowOf.set(code, r.row);
      if (issues.length > before) continue;
      inputs.push(parsed.data);
      rowsOf.push(r.row);
    }
    const taken = new Set(
      await this.repo.codesTaken(
        this.repo.k,
        inputs.map((i) => i.code.trim()),
      ),
    );
    inputs.forEach((input, i) => {
      const code = input.code.trim();
      if (taken.has(code)) {
        const r = { row: rowsOf[i] as number, cells: [] };
        at(r, 'code', { zh: `项目代码 ${code} 已在台账中`, en: `the project code ${code} is already in the ledger` });
      }
    });
    if (issues.length > 0) throw unprocessable(issues, what);
    if (inputs.length === 0) {
      throw unprocessable(
        [fileIssue('文件中没有项目行，未导入任何项目', 'no project rows in the file; nothing imported', PROJECT_SHEET)],
        what,
      );
    }
    return { inputs, rows: rowsOf, skipped: 0 };
  }

  async importProjects(actor: Actor, file: XlsxUpload): Promise<ProjectImportResult> {
    const sheets = await file.sheets({ maxRows: 5_001, maxColumns: MAX_COLUMNS });
    const { inputs, rows } = await this.checkProjects(actor, sheets);
    const headerCol = columnLetter(PROJECT_COLUMNS.findIndex((c) => c.key === 'code') + 1);
    const ids = await this.projects.registerImported(actor, inputs, (taken) => {
      const set = new Set(taken);
      return unprocessable(
        inputs
          .map((input, i) => ({ code: input.code.trim(), row: rows[i] as number }))
          .filter((x) => set.has(x.code))
          .map((x) => ({
            sheet: PROJECT_SHEET,
            row: x.row,
            column: headerCol,
            field: '项目代码',
            ...bilingual(`项目代码 ${x.code} 已在台账中`, `the project code ${x.code} is already in the ledger`),
          })),
        { zh: '项目', en: 'projects' },
      );
    });
    return { imported: ids.length, skipped: 0, ids };
  }
}

interface SheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}
