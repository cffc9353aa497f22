import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { beijingMidnight, beijingTime } from '../../../domain/beijing-time.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { bilingual, validation } from '../../errors.ts';
import type { AuditFilter, AuditRecord } from '../../security/audit.ts';
import { verifyChain } from '../../security/audit.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { AuditFilterQuery } from '../../../shared/api/security.ts';

/** An xlsx is built in memory; past this many rows the audit administrator narrows the filter or takes the CSV. */
export const MAX_XLSX_ROWS = 100_000;

/**
 * A filter bound as a Date: a plain date is a day in Beijing time; for `to`, the whole day is included.
 *
 * @example
 * boundOf('2024-11-05', 'from')  // → 2024-11-04T16:00:00.000Z
 * boundOf('2024-11-05', 'to')    // → 2024-11-05T16:00:00.000Z  (exclusive: the end of 5 November, Beijing)
 */
export function boundOf(text: string, side: 'from' | 'to'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const midnight = beijingMidnight(text);
    return side === 'to' ? new Date(midnight.getTime() + 24 * 3600_000) : midnight;
  }
  return new Date(text);
}

export function toFilter(q: AuditFilterQuery): AuditFilter {
  const filter: AuditFilter = {};
  if (q.from) filter.from = boundOf(q.from, 'from');
  if (q.to) filter.to = boundOf(q.to, 'to');
  if (filter.from && Number.isNaN(filter.from.getTime()))
    throw validation([{ field: 'from', ...bilingual('日期无效', 'invalid date') }]);
  if (filter.to && Number.isNaN(filter.to.getTime()))
    throw validation([{ field: 'to', ...bilingual('日期无效', 'invalid date') }]);
  if (q.username) filter.username = q.username;
  if (q.userId) filter.userId = q.userId;
  if (q.action) filter.action = q.action;
  if (q.actionPrefix) filter.actionPrefix = q.actionPrefix;
  if (q.objectType) filter.objectType = q.objectType;
  if (q.objectId) filter.objectId = q.objectId;
  if (q.outcome) filter.outcome = q.outcome;
  if (q.includeArchive === 'true') filter.includeArchive = true;
  return filter;
}

const HEADERS = [
  '序号 seq',
  '时间(北京) time',
  '用户 user',
  '用户ID user id',
  '地址 address',
  '操作 action',
  '对象类型 object type',
  '对象 object',
  '结果 outcome',
  '详情 detail',
  '前一哈希 previous hash',
  '哈希 hash',
  '哈希算法 hash algorithm',
  '已归档 archived',
];

function cells(r: AuditRecord): (string | number)[] {
  return [
    r.seq,
    beijingTime(r.at, 'second'),
    r.username ?? '',
    r.userId ?? '',
    r.ip ?? '',
    r.action,
    r.objectType ?? '',
    r.objectId ?? '',
    r.outcome,
    r.detail ? JSON.stringify(r.detail) : '',
    r.prevHash,
    r.hash,
    r.hashAlg,
    r.archived ? 'yes' : 'no',
  ];
}

/**
 * One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe: the trail holds text typed by anyone — a user name at a failed sign-in — and an export must not turn
 * it into a formula on the auditor's machine (CSV injection).
 *
 * @example
 * csvField('=HYPERLINK("http://x")')  // → '"\'=HYPERLINK(""http://x"")"'
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Search, export and verification of the audit trail: the audit administrator's duty. Each is itself recorded. */
export class AuditService {
  private readonly db: Db;
  private readonly auditor: Auditor;
  private readonly clock: Clock;

  constructor(deps: { db: Db; auditor: Auditor; clock: Clock }) {
    this.db = deps.db;
    this.auditor = deps.auditor;
    this.clock = deps.clock;
  }

  async search(q: AuditFilterQuery & { limit: number; offset: number }) {
    const filter = toFilter(q);
    const page = await this.auditor.log.search({ ...filter, limit: q.limit, offset: q.offset });
    // Recorded after the search, so that the auditor's own search does not appear in its result.
    await this.auditor.record({
      action: 'audit.search',
      objectType: 'audit',
      detail: { filter: q, total: page.total },
    });
    return page;
  }

  /** The matching records as CSV (UTF-8 with BOM, for Excel), streamed oldest first. */
  csv(q: AuditFilterQuery): Readable {
    const records = this.auditor.log.stream(toFilter(q));
    async function* lines() {
      yield `\uFEFF${HEADERS.map(csvField).join(',')}\r\n`;
      for await (const r of records) yield `${cells(r).map(csvField).join(',')}\r\n`;
    }
    return Readable.from(lines());
  }

  /** The matching records as an xlsx workbook, oldest first; refused past {@link MAX_XLSX_ROWS}. */
  async xlsx(q: AuditFilterQuery): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.created = this.clock.now();
    const ws = wb.addWorksheet('审计记录 audit');
    ws.addRow(HEADERS).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    let n = 0;
    for await (const r of this.auditor.log.stream(toFilter(q))) {
      if (++n > MAX_XLSX_ROWS) {
        throw validation([
          {
            field: 'filter',
            ...bilingual(
              `超过 ${MAX_XLSX_ROWS} 条，请缩小范围或导出 CSV`,
              `more than ${MAX_XLSX_ROWS} records: narrow the filter or export CSV`,
            ),
          },
        ]);
      }
      ws.addRow(cells(r));
    }
    ws.columns.forEach((c, i) => {
      c.width = [8, 20, 14, 38, 16, 24, 14, 38, 10, 60, 20, 20, 8][i] ?? 14;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async verify(anchor: string | undefined) {
    const parsed = anchor ? { seq: Number(anchor.split(':')[0]), hash: anchor.split(':')[1] as string } : undefined;
    const result = await verifyChain(this.db, parsed ? { anchor: parsed } : {});
    const out = result.ok
      ? { ok: true, count: result.count, head: result.head, brokenAt: null, reason: null, message: null }
      : {
          ok: false,
          count: result.verified,
          head: null,
          brokenAt: result.brokenAt,
          reason: result.reason,
          message: result.message,
        };
    await this.auditor.record({
      action: 'audit.verify',
      objectType: 'audit',
      outcome: result.ok ? 'success' : 'failure',
      detail: { ...out, anchor: anchor ?? null },
    });
    return out;
  }
}
