/**
 * Excel for the lists, without I/O: the import template (清单事项导入模板), reading a filled template into draft
 * inputs (every bad cell reported with its sheet, row, column and header), and the export of any filtered list.
 * Files are read by header text, so users may reorder columns.
 */
import ExcelJS from 'exceljs';
import {
  ITEM_COLOUR_NAMES,
  ITEM_STATUS_NAMES,
  LIST_KIND_NAMES,
  LIST_KINDS,
  type ListKind,
} from '../../../domain/lists/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { XlsxUpload } from '../../uploads/upload-gate.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { bilingual } from '../../errors.ts';
import { zodText } from '../../http/error-handler.ts';
import { itemInputSchema, type ItemInput, type ListItemRow } from '../../../shared/api/lists.ts';

export const IMPORT_SHEET = '清单事项';
/** The field of an issue with the file as a whole (not one cell): the upload's own field, as the upload gate names it. */
const FILE_FIELD = 'file';
const HELP_SHEET = '填写说明';
const UNITS_SHEET = '单位名录';
export const MAX_IMPORT_ROWS = 2000;
/** Headers of earlier templates, still read. */
const HEADER_ALIASES: Readonly<Record<string, string>> = { 维度代码: 'dimensionCode' };
/** The kinds of org unit a template names, in the user's words. */
export const ORG_KIND_NAMES: Readonly<Record<string, string>> = {
  city: '市',
  district: '区',
  county: '县',
  zone: '园区',
  department: '市级部门',
};
/** The dimensions of the framework by code, for names in files (the code stays what is stored). */
export type DimensionNames = ReadonlyMap<string, string>;
/** The template has 26 columns; a cell far beyond them is not a template. */
const MAX_IMPORT_COLUMNS = 64;
const MILESTONES = 4;

interface Column {
  key: string;
  header: string;
  width: number;
  required: boolean;
  hint: string;
}

const col = (key: string, header: string, width: number, required: boolean, hint: string): Column => ({
  key,
  header,
  width,
  required,
  hint,
});

export const IMPORT_COLUMNS: Column[] = [
  col('kind', '清单类型', 12, true, '向上争取 / 改革事项 / 重大项目 / 重点任务'),
  col('year', '年度', 8, true, '如 2025'),
  col('title', '事项名称', 36, true, '不超过 200 字'),
  col('content', '具体内容', 40, false, '目标、措施、要求'),
  col('dimensionCode', '维度', 24, false, '维度名称，见“填写说明”'),
  col('workTeam', '工作专班', 24, false, '专班名称，见“填写说明”'),
  col('leaderName', '责任领导', 16, true, '姓名及职务'),
  col('leadUnit', '牵头单位', 24, true, '单位名称，见“单位名录”'),
  col('coUnits', '配合单位', 30, false, '多个单位用“、”分隔'),
  col('personInCharge', '具体责任人', 14, true, '姓名'),
  col('contact', '联系方式', 16, false, '办公电话'),
  col('district', '涉及区县', 14, false, '区县名称'),
  col('startDate', '开始日期', 12, true, 'YYYY-MM-DD'),
  col('deadline', '截止日期', 12, true, 'YYYY-MM-DD'),
  col('targetUnit', '目标单位', 10, false, '如 亿元、个、%'),
  col('floor', '确保目标', 10, false, '数字'),
  col('stretch', '力争目标', 10, false, '数字，不低于确保目标'),
  col('indicator', '关联指标编码', 14, false, '指标体系中的指标编号，如 D2-05'),
  ...Array.from({ length: MILESTONES }, (_, i) => [
    col(`m${i + 1}Title`, `节点${i + 1}名称`, 20, false, '节点名称'),
    col(`m${i + 1}Date`, `节点${i + 1}计划日期`, 14, false, 'YYYY-MM-DD'),
  ]).flat(),
];

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const COLOUR_FILL: Record<string, string> = {
  red: 'FFF8D7DA',
  yellow: 'FFFFF3CD',
  blue: 'FFD6E9FF',
  green: 'FFD4EDDA',
};

function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import template: the sheet to fill (with an example row), the instructions, and the org units by name and code. */
export async function importTemplate(
  org: OrgIndex,
  teams: readonly { id: string; name: string }[],
  dimensions: DimensionNames = new Map(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  const ws = wb.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.fill = HEADER_FILL;
    cell.note = `${c.required ? '必填。' : ''}${c.hint}`;
  });
  ws.addRow({
    kind: '改革事项',
    year: 2025,
    title: '（示例，导入前请删除本行）低保家庭就业帮扶',
    content: '精心谋划实施“低保家庭就业帮扶”改革事项',
    dimensionCode: dimensions.get('D5') ?? '',
    workTeam: teams.find((t) => t.id === 'team-d5')?.name ?? teams[0]?.name ?? '',
    leaderName: '（示例）西区副区长',
    leadUnit: '西区',
    coUnits: '市人力资源和社会保障局（市人社局）、市民政局',
    personInCharge: '（示例）张三',
    contact: '0812-0000000',
    district: '西区',
    startDate: '2025-01-01',
    deadline: '2025-12-31',
    m1Title: '制定实施方案',
    m1Date: '2025-03-31',
    m2Title: '形成可复制经验',
    m2Date: '2025-11-30',
  });
  const kinds = `"${LIST_KINDS.map((k) => LIST_KIND_NAMES[k].zh).join(',')}"`;
  for (let r = 2; r <= 500; r++)
    ws.getCell(r, 1).dataValidation = { type: 'list', allowBlank: false, formulae: [kinds] };

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '列', key: 'header', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'hint', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow({ header: c.header, required: c.required ? '必填' : '', hint: c.hint });
  help.addRow({});
  help.addRow({
    header: '导入后',
    hint: '每行生成一条草拟状态的清单事项，须经共富办下发、牵头单位签收后方进入推进。任何一行有误时整批不导入，并逐格列出错误。',
  });
  help.addRow({ header: '维度', hint: [...dimensions.values()].join('；') });
  help.addRow({ header: '工作专班', hint: teams.map((t) => t.name).join('；') });

  const units = wb.addWorksheet(UNITS_SHEET);
  units.columns = [
    { header: '单位名称', key: 'name', width: 40 },
    { header: '类别', key: 'kind', width: 12 },
    { header: '行政区划代码', key: 'code', width: 16 },
  ];
  units.getRow(1).font = { bold: true };
  for (const n of org.byId.values()) {
    const kind = ORG_KIND_NAMES[n.kind];
    // Codes of our own (departments, the zone) mean nothing to a user; GB/T 2260 codes do.
    if (kind) units.addRow({ name: n.name, kind, code: /^\d+$/.test(n.code) ? n.code : '' });
  }
  return toBuffer(wb);
}

/** A cell as text: dates as YYYY-MM-DD, rich text and formulas by their shown value, empty as ''. */
function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result ?? null);
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}

/** Resolves org units by code, full name, or the name without / inside its parentheses (市发改委). */
function unitResolver(org: OrgIndex): (s: string) => string | null {
  const byKey = new Map<string, string>();
  for (const n of org.byId.values()) {
    byKey.set(n.id, n.id);
    byKey.set(n.code, n.id);
    byKey.set(n.name, n.id);
    const inner = /（(.+?)）/.exec(n.name)?.[1];
    if (inner) byKey.set(inner, n.id);
    byKey.set(n.name.replace(/（.*?）/g, ''), n.id);
  }
  return (s) => byKey.get(s.trim()) ?? null;
}

export interface ParsedImport {
  inputs: ItemInput[];
  issues: FieldIssue[];
}

/** Reads a filled template. Rows left entirely empty are skipped; example rows marked （示例） are refused. */
export async function parseImport(
  upload: XlsxUpload,
  org: OrgIndex,
  teams: readonly { id: string; name: string }[],
  dimensions: DimensionNames = new Map(),
): Promise<ParsedImport> {
  const fileIssue = (zh: string, en: string): ParsedImport => ({
    inputs: [],
    issues: [{ field: FILE_FIELD, ...bilingual(zh, en) }],
  });
  // The header row counts too: MAX_IMPORT_ROWS data rows below it.
  const sheets = await upload.sheets({ maxRows: MAX_IMPORT_ROWS + 1, maxColumns: MAX_IMPORT_COLUMNS });
  const ws = sheets.find((s) => s.name === IMPORT_SHEET) ?? sheets[0];
  if (!ws) return fileIssue('工作簿中没有工作表', 'the workbook has no sheet');
  const header = ws.rows[0]?.row === 1 ? ws.rows[0] : undefined;
  const position = new Map<string, number>();
  header?.cells.forEach((cell, i) => {
    const text = cellText(cell?.value);
    const key = IMPORT_COLUMNS.find((c) => c.header === text)?.key ?? HEADER_ALIASES[text];
    if (key) position.set(key, i + 1);
  });
  const issues: FieldIssue[] = [];
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !position.has(c.key))
      issues.push({ field: c.header, ...bilingual(`缺少“${c.header}”列`, `column missing`), sheet: ws.name, row: 1 });
  }
  if (issues.length > 0) return { inputs: [], issues };

  const kindOf = new Map<string, ListKind>(
    LIST_KINDS.flatMap((k) => [[LIST_KIND_NAMES[k].zh, k] as const, [k, k] as const]),
  );
  const unitOf = unitResolver(org);
  const teamOf = (s: string) => teams.find((t) => t.id === s || t.name === s)?.id ?? null;
  const dimensionOf = (s: string) =>
    dimensions.has(s) ? s : ([...dimensions].find(([, name]) => name === s)?.[0] ?? null);
  const inputs: ItemInput[] = [];
  for (const row of ws.rows) {
    const r = row.row;
    if (r === 1) continue;
    const get = (key: string) => {
      const p = position.get(key);
      return p ? cellText(row.cells[p - 1]?.value) : '';
    };
    if (IMPORT_COLUMNS.every((c) => get(c.key) === '')) continue;
    const rowIssues: FieldIssue[] = [];
    const issue = (key: string, zh: string, en: string) => {
      const c = IMPORT_COLUMNS.find((x) => x.key === key) as Column;
      const p = position.get(key);
      rowIssues.push({
        field: c.header,
        ...bilingual(zh, en),
        sheet: ws.name,
        row: r,
        ...(p ? { column: letter(p) } : {}),
      });
    };
    if (get('title').includes('（示例')) {
      issue('title', '这是模板的示例行，请删除', 'the example row of the template; delete it');
      issues.push(...rowIssues);
      continue;
    }
    const kind = kindOf.get(get('kind'));
    if (!kind) issue('kind', `“${get('kind')}”不是清单类型（向上争取、改革事项、重大项目、重点任务）`, `not a list`);
    const unit = (key: string, s: string) => {
      if (s === '') return null;
      const id = unitOf(s);
      if (!id) issue(key, `未知单位“${s}”，请使用“单位名录”中的名称或编码`, 'unknown org unit');
      return id;
    };
    const leadUnitId = unit('leadUnit', get('leadUnit'));
    const coUnitIds = get('coUnits')
      .split(/[、，,；;\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => unit('coUnits', s))
      .filter((x): x is string => x !== null);
    const districtId = unit('district', get('district'));
    const teamText = get('workTeam');
    const workTeamId = teamText ? teamOf(teamText) : null;
    if (teamText && !workTeamId) issue('workTeam', `未知专班“${teamText}”`, `unknown work team`);
    const num = (key: string) => {
      const s = get(key);
      if (s === '') return null;
      const n = Number(s.replace(/,/g, ''));
      if (!Number.isFinite(n)) issue(key, `“${s}”不是数字`, 'not a number');
      return Number.isFinite(n) ? n : null;
    };
    const dimensionText = get('dimensionCode');
    const dimensionCode = dimensionText ? dimensionOf(dimensionText) : null;
    if (dimensionText && !dimensionCode && dimensions.size > 0)
      issue('dimensionCode', `未知维度“${dimensionText}”，请使用“填写说明”中的维度名称`, `unknown dimension`);
    const floor = num('floor');
    const stretch = num('stretch');
    const targetUnit = get('targetUnit');
    const indicator = get('indicator');
    const milestones = Array.from({ length: MILESTONES }, (_, i) => ({
      title: get(`m${i + 1}Title`),
      plannedDate: get(`m${i + 1}Date`),
    })).filter((m) => m.title !== '' || m.plannedDate !== '');
    const candidate = {
      kind,
      year: Number(get('year')),
      title: get('title'),
      content: get('content'),
      dimensionCode: dimensions.size > 0 ? dimensionCode : dimensionText || null,
      workTeamId,
      leaderName: get('leaderName'),
      leadUnitId: leadUnitId ?? '',
      coUnitIds,
      personInCharge: get('personInCharge'),
      contact: get('contact'),
      districtId,
      startDate: get('startDate'),
      deadline: get('deadline'),
      target:
        floor !== null || stretch !== null || targetUnit !== '' || indicator !== ''
          ? { unit: targetUnit, floor, stretch, indicatorCode: indicator || null }
          : null,
      milestones,
    };
    const parsed = itemInputSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const z of parsed.error.issues) {
        const [head, index, sub] = z.path.map(String);
        const key =
          head === 'milestones'
            ? `m${Number(index) + 1}${sub === 'plannedDate' ? 'Date' : 'Title'}`
            : head === 'target'
              ? index === 'stretch'
                ? 'stretch'
                : index === 'floor'
                  ? 'floor'
                  : 'targetUnit'
              : head === 'leadUnitId'
                ? 'leadUnit'
                : head === 'districtId'
                  ? 'district'
                  : head === 'workTeamId'
                    ? 'workTeam'
                    : (head ?? 'title');
        // The kind and the lead unit were already reported above with a better message.
        if ((key === 'kind' && !kind) || (key === 'leadUnit' && !leadUnitId && get('leadUnit') !== '')) continue;
        if (IMPORT_COLUMNS.some((c) => c.key === key))
          issue(key, zodText(z.message).text.zh, zodText(z.message).text.en);
        else {
          const t = zodText(z.message).text;
          issue('title', `${z.path.join('.')}：${t.zh}`, `${z.path.join('.')}: ${t.en}`);
        }
      }
    }
    if (rowIssues.length > 0) issues.push(...rowIssues);
    else if (parsed.success) inputs.push(parsed.data);
  }
  if (inputs.length === 0 && issues.length === 0)
    issues.push({ field: FILE_FIELD, ...bilingual('文件中没有数据行', 'no rows to import'), sheet: ws.name });
  return { inputs, issues };
}

/** Any filtered list as a workbook, one row per item, the colour shaded. */
export async function exportList(
  rows: readonly ListItemRow[],
  title: string,
  dimensions: DimensionNames = new Map(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  const ws = wb.addWorksheet('清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns = [
    { header: '编号', key: 'code', width: 14 },
    { header: '清单', key: 'kind', width: 10 },
    { header: '事项名称', key: 'title', width: 40 },
    { header: '维度', key: 'dimension', width: 20 },
    { header: '工作专班', key: 'team', width: 24 },
    { header: '责任领导', key: 'leader', width: 18 },
    { header: '牵头单位', key: 'lead', width: 24 },
    { header: '配合单位', key: 'co', width: 30 },
    { header: '具体责任人', key: 'person', width: 12 },
    { header: '涉及区县', key: 'district', width: 12 },
    { header: '开始日期', key: 'start', width: 12 },
    { header: '截止日期', key: 'deadline', width: 12 },
    { header: '原截止日期', key: 'originalDeadline', width: 12 },
    { header: '目标', key: 'target', width: 18 },
    { header: '状态', key: 'status', width: 10 },
    { header: '预警', key: 'colour', width: 8 },
    { header: '进度(%)', key: 'progress', width: 9 },
    { header: '在办预警', key: 'warnings', width: 9 },
    { header: '未办结督办单', key: 'notices', width: 12 },
    { header: '含生成数据', key: 'generated', width: 10 },
  ];
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).fill = HEADER_FILL;
  });
  header.font = { bold: true };
  for (const r of rows) {
    const target = r.target
      ? [
          r.target.floor !== null ? `确保 ${r.target.floor}` : '',
          r.target.stretch !== null ? `力争 ${r.target.stretch}` : '',
        ]
          .filter(Boolean)
          .join('，') + (r.target.unit ? ` ${r.target.unit}` : '')
      : '';
    const row = ws.addRow({
      code: r.code,
      kind: LIST_KIND_NAMES[r.kind].zh,
      title: r.title,
      dimension: r.dimensionCode ? (dimensions.get(r.dimensionCode) ?? r.dimensionCode) : '',
      team: r.workTeamName ?? '',
      leader: r.leaderName,
      lead: r.leadUnitName,
      co: r.coUnitNames.join('、'),
      person: r.personInCharge,
      district: r.districtName ?? '',
      start: r.startDate,
      deadline: r.deadline,
      originalDeadline: r.originalDeadline ?? '',
      target,
      status: ITEM_STATUS_NAMES[r.status].zh,
      colour: ITEM_COLOUR_NAMES[r.colour].zh,
      progress: r.progressPct,
      warnings: r.activeWarnings,
      notices: r.openNotices,
      generated: r.generated ? '是' : '',
    });
    const fill = COLOUR_FILL[r.colour];
    if (fill) row.getCell('colour').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return toBuffer(wb);
}
