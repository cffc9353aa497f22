/**
 * A department's data-match file read in the browser (CSV, text pasted from Excel, or an .xlsx workbook's first
 * sheet) into the rows the match route takes: ID number, case kind, reason. Pure except `readXlsx`.
 *
 * Columns are found by their header (身份证号 / 公民身份号码 / idNumber, 类别 / 监测类型 / kind, 原因 / 比对原因 / reason);
 * a file without a header has the ID number in its first column. A missing kind or reason takes the page's default.
 * ID numbers are checked as the server checks them (GB 11643 check digit, birth date, region), so that every bad row
 * is reported by its row in the file; `fileRows[i]` is the file's row of `rows[i]` (the server numbers the rows it
 * is sent from 2, as if under a header: its row r is `fileRows[r - 2]`).
 */
import { BUILTIN_CASE_KINDS } from '../../../domain/households/cases.ts';
import { parseIdNumber } from '../../../domain/households/id-number.ts';

export interface MatchRow {
  idNumber: string;
  kind: string;
  reason: string;
}

export interface ParseIssue {
  /** 1-based row of the file (the header is row 1 when there is one). */
  row: number;
  zh: string;
  en: string;
}

/** Splits delimited text into rows of cells: tabs when the first line has one (pasted from Excel), else commas. */
export function parseDelimited(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t') ? '\t' : firstLine.includes(',') || !firstLine.includes('，') ? ',' : '，';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i] as string;
    if (quoted) {
      if (ch === '"' && clean[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && clean[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
}

const ID_HEADERS = ['身份证号', '身份证号码', '公民身份号码', '证件号码', 'idnumber', 'id number', 'id'];
const KIND_HEADERS = ['类别', '监测类型', '类型', '风险类型', 'kind'];
const REASON_HEADERS = ['原因', '比对原因', '推送原因', '说明', 'reason'];

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s*（）()]/g, '');
const looksLikeId = (s: string) => /^[0-9０-９]{17}[0-9０-９Xx]$/.test(s.trim());

/** A kind's code from its code or its name in either language (零就业家庭, zeroEmployment …); null when unknown. */
export function kindCode(text: string): string | null {
  const s = norm(text);
  if (!s) return null;
  for (const k of BUILTIN_CASE_KINDS) {
    if ([k.code, k.name.zh, k.name.en].some((n) => norm(n) === s)) return k.code;
  }
  // Short forms the departments use: 因病 / 因灾 / 意外 / 1万元以下 / 低于1万.
  if (s.includes('零就业')) return 'zeroEmployment';
  if (s.includes('1万') || s.includes('一万')) return 'below10k';
  if (s.includes('因病') || s.includes('大病')) return 'illness';
  if (s.includes('因灾') || s.includes('灾')) return 'disaster';
  if (s.includes('意外') || s.includes('事故')) return 'accident';
  return null;
}

/**
 * The rows of a table (header or not), with the page's defaults for a missing kind or reason. Every bad row is
 * reported by its row number; the rows are returned only when there is none (all or nothing, as the server does).
 */
export function matchRows(
  table: readonly (readonly string[])[],
  defaults: { kind: string; reason: string },
  today = new Date().toISOString().slice(0, 10),
): { rows: MatchRow[]; fileRows: number[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  if (table.length === 0) return { rows: [], fileRows: [], issues: [{ row: 0, zh: '没有数据行', en: 'No rows' }] };
  const head = (table[0] ?? []).map(norm);
  const find = (names: readonly string[]) => head.findIndex((h) => names.some((n) => norm(n) === h));
  const hasHeader = !looksLikeId(table[0]?.[0] ?? '') && find(ID_HEADERS) >= 0;
  const idCol = hasHeader ? find(ID_HEADERS) : 0;
  const kindCol = hasHeader ? find(KIND_HEADERS) : table[0] && table[0].length > 1 ? 1 : -1;
  const reasonCol = hasHeader ? find(REASON_HEADERS) : table[0] && table[0].length > 2 ? 2 : -1;
  if (!hasHeader && !looksLikeId(table[0]?.[0] ?? '')) {
    return {
      rows: [],
      fileRows: [],
      issues: [
        {
          row: 1,
          zh: '未找到“身份证号”列：请使用含“身份证号”表头的文件，或第一列为身份证号',
          en: 'No ID number column: use a header "身份证号" (or idNumber), or put the ID numbers in the first column',
        },
      ],
    };
  }
  const rows: MatchRow[] = [];
  const fileRows: number[] = [];
  const seen = new Map<string, number>();
  table.forEach((cells, i) => {
    if (hasHeader && i === 0) return;
    const row = i + 1;
    const idNumber = (cells[idCol] ?? '').replace(/\s/g, '').toUpperCase();
    if (!looksLikeId(idNumber)) {
      issues.push({ row, zh: '身份证号应为18位', en: 'an ID number has 18 characters' });
      return;
    }
    const checked = parseIdNumber(idNumber, today);
    if (!checked.ok) {
      issues.push({
        row,
        zh: `身份证号（…${idNumber.slice(-4)}）${checked.message.zh}`,
        en: `ID number …${idNumber.slice(-4)}: ${checked.message.en}`,
      });
      return;
    }
    const kindText = kindCol >= 0 ? (cells[kindCol] ?? '') : '';
    const kind = kindText ? kindCode(kindText) : defaults.kind;
    if (!kind) {
      issues.push({ row, zh: `未知的监测类型“${kindText}”`, en: `unknown kind "${kindText}"` });
      return;
    }
    // The same person may be pushed for two kinds (医保 and 人社); twice for the same kind is a mistake.
    const first = seen.get(`${idNumber}|${kind}`);
    if (first !== undefined) {
      issues.push({
        row,
        zh: `与第${first}行重复（同一身份证号、同一类型）`,
        en: `same ID number and kind as row ${first}`,
      });
      return;
    }
    seen.set(`${idNumber}|${kind}`, row);
    const reason = (reasonCol >= 0 ? (cells[reasonCol] ?? '') : '') || defaults.reason;
    if (!reason.trim()) {
      issues.push({ row, zh: '缺少比对原因', en: 'the reason is missing' });
      return;
    }
    rows.push({ idNumber, kind, reason: reason.slice(0, 500) });
    fileRows.push(row);
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ row: 0, zh: '没有数据行', en: 'No rows' });
  return issues.length > 0 ? { rows: [], fileRows: [], issues } : { rows, fileRows, issues };
}

/** The last four characters of an ID number, the only part of it this page shows. */
export function idTail(idNumber: string): string {
  return idNumber.slice(-4);
}

const colIndex = (ref: string) => {
  let n = 0;
  for (const ch of ref.replace(/[0-9]/g, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

/** The first worksheet of an .xlsx workbook as rows of text (shared strings and inline strings resolved). */
export async function readXlsx(data: ArrayBuffer): Promise<string[][]> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(data);
  const parser = new DOMParser();
  const xml = async (path: string) => {
    const f = zip.file(path);
    return f ? parser.parseFromString(await f.async('string'), 'application/xml') : null;
  };
  const shared: string[] = [];
  const sst = await xml('xl/sharedStrings.xml');
  if (sst) {
    for (const si of Array.from(sst.getElementsByTagName('si'))) {
      shared.push(
        Array.from(si.getElementsByTagName('t'))
          .map((t) => t.textContent ?? '')
          .join(''),
      );
    }
  }
  const sheetPath =
    Object.keys(zip.files)
      .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
      .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]))[0] ?? '';
  const sheet = await xml(sheetPath);
  if (!sheet) return [];
  const rows: string[][] = [];
  for (const r of Array.from(sheet.getElementsByTagName('row'))) {
    const cells: string[] = [];
    for (const c of Array.from(r.getElementsByTagName('c'))) {
      const ref = c.getAttribute('r') ?? '';
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      let text = v;
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr')
        text = Array.from(c.getElementsByTagName('t'))
          .map((t) => t.textContent ?? '')
          .join('');
      const at = ref ? colIndex(ref) : cells.length;
      while (cells.length < at) cells.push('');
      cells[at] = text.trim();
    }
    if (cells.some((x) => x !== '')) rows.push(cells);
  }
  return rows;
}
