import { parsePeriod, previousPeriod } from '../../../domain/periods.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import type { EventBus } from '../../events.ts';
import { AppError, bilingual } from '../../errors.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { FrameworkBundle, IndicatorRow } from '../frameworks/framework.repository.ts';
import type { EvaluationService } from '../evaluation/evaluation.service.ts';
import { rankingOf } from '../evaluation/ranking.ts';
import type { ValueRow } from '../values/value.repository.ts';
import { byUnitAndPeriod, type ImportBatch } from '../values/value.import.ts';
import { plausibilityWarning } from '../../../domain/values/status.ts';
import { indicatorRef, type ValueService } from '../values/value.service.ts';
import { buildMatrixWorkbook, buildRankingWorkbook } from './excel.export.ts';
import { MAX_COLUMNS, MAX_ROWS, toBuffer } from './excel.file.ts';
import type { SheetRows } from '../../uploads/xlsx-rows.ts';
import type { XlsxUpload } from '../../uploads/upload-gate.ts';
import {
  byPosition,
  ENTRY_SHEET,
  HELP_SHEET,
  META_SHEET,
  parseEntrySheet,
  readMeta,
  TEMPLATE_VERSION,
  type EntryColumnKey,
  type ImportRow,
  type ImportRules,
  type Localized,
  type RowWarning,
} from './excel.parse.ts';
import type { ExcelRepository } from './excel.repository.ts';
import type { TemplateQuery } from './excel.schema.ts';
import type { ImportResponse } from '../../../shared/api/values.ts';
import { buildTemplate, type TemplateRow } from './excel.template.ts';

/** A generated workbook with the name it is offered under. */
export interface XlsxFile {
  filename: string;
  /** For clients that ignore `filename*`. */
  asciiFilename: string;
  body: Buffer;
}

/** Beyond this many issues a file is plainly the wrong one; the list is cut and says how many were left out. */
const MAX_ISSUES = 5_000;
const ENTRY_ROLES = new Set(['districtReporter', 'departmentReporter']);
const EDITABLE_STATUSES = new Set(['draft', 'returned']);
const STATUS_ZH: Record<string, string> = {
  submitted: '已提交待审核',
  approved: '已审核通过',
  published: '已发布',
  draft: '草稿',
  returned: '已退回',
};

const unprocessable = (issues: FieldIssue[]) => {
  const shown = issues.slice(0, MAX_ISSUES);
  const more = issues.length - shown.length;
  return new AppError(
    'UNPROCESSABLE',
    {
      zh: `文件中有 ${issues.length} 处错误，未导入任何数据${more > 0 ? `（仅列出前 ${MAX_ISSUES} 处）` : ''}，请改正后重新上传`,
      en: `The file has ${issues.length} errors; nothing was imported${more > 0 ? ` (first ${MAX_ISSUES} listed)` : ''}`,
    },
    shown,
  );
};

/**
 * Excel in and out: the entry template, its import (all or nothing, through the value service's transactional
 * save), and the evaluation matrix and ranking as workbooks. Access is the value and evaluation services' own:
 * the template is the user's grid, the exports are the user's matrix.
 */
export class ExcelService {
  private readonly db: Queryable;
  private readonly values: ValueService;
  private readonly evaluation: EvaluationService;
  private readonly repo: ExcelRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly events: EventBus;

  constructor(deps: {
    db: Queryable;
    values: ValueService;
    evaluation: EvaluationService;
    repo: ExcelRepository;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    /** Where the import says that drafts changed (the entry grid's cache listens). */
    events: EventBus;
  }) {
    this.events = deps.events;
    this.db = deps.db;
    this.values = deps.values;
    this.evaluation = deps.evaluation;
    this.repo = deps.repo;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
  }

  /**
   * The entry template of one unit and period: the rows of the user's grid that the user may enter. The
   * coordination centre, who enters nothing itself, gets the rows the unit's reporters still have to enter, to
   * send out.
   */
  async template(actor: Actor, q: TemplateQuery): Promise<XlsxFile> {
    const grid = await this.values.entry.grid(actor, q);
    const unit = this.org().get(q.orgUnitId);
    if (!unit)
      throw new AppError('NOT_FOUND', { zh: `未找到单位 ${q.orgUnitId}`, en: `Org unit ${q.orgUnitId} not found` });
    if (grid.locked)
      throw new AppError('LOCKED_PERIOD', { zh: `${q.period} 已锁定，不能填报`, en: `${q.period} is locked` });
    const forReporter = ENTRY_ROLES.has(actor.role);
    const rows: TemplateRow[] = grid.rows
      .filter((r) =>
        forReporter
          ? r.editable
          : !r.computed &&
            (r.value === null || (r.value.origin === 'reported' && EDITABLE_STATUSES.has(r.value.status))),
      )
      .map((r) => ({
        indicatorCode: r.indicatorCode,
        name: r.name,
        unit: r.unit,
        minValue: r.minValue,
        maxValue: r.maxValue,
        previousValue: r.previousValue,
        value: r.value?.value ?? null,
        note: r.value?.note ?? null,
      }));
    if (rows.length === 0) {
      throw new AppError('INVALID_STATE', {
        zh: `${unit.name} ${q.period} 没有您可填报的指标（可能已全部提交或不在您的填报范围）`,
        en: `Nothing for you to enter for ${unit.nameEn} in ${q.period}`,
      });
    }
    const now = this.clock.now();
    const wb = await buildTemplate({
      frameworkId: grid.frameworkId,
      frameworkYear: parsePeriod(q.period).year,
      orgUnit: { id: unit.id, code: unit.code, name: unit.name },
      period: q.period,
      previousPeriod: previousPeriod(q.period),
      generatedAt: now,
      generatedBy: actor.displayName,
      rows,
    });
    return {
      filename: `填报模板_${unit.name}_${q.period}.xlsx`,
      asciiFilename: `template_${unit.id}_${q.period}.xlsx`,
      body: await toBuffer(wb),
    };
  }

  /**
   * Imports a filled template as drafts, all or nothing: every bad cell of the file is reported at once (422 with
   * sheet, row, column letter and reason); otherwise every row is written in one transaction across all its units
   * and periods, so a conflict anywhere leaves nothing written. A row over an existing draft takes the draft's
   * current version: the file is the user's latest word. The client's file name is never used.
   */
  async importEntries(actor: Actor, upload: XlsxUpload): Promise<ImportResponse> {
    if (!ENTRY_ROLES.has(actor.role)) {
      throw new AppError('FORBIDDEN', {
        zh: '只有填报员可以导入数据；共富办可下载模板分发给填报单位',
        en: 'Only reporters import data; the coordination centre may download templates to send out',
      });
    }
    // The header row counts too: MAX_ROWS data rows below it.
    const sheets = await upload.sheets({ maxRows: MAX_ROWS + 1, maxColumns: MAX_COLUMNS });
    const ws = this.entrySheet(sheets);
    const b = await this.frameworkOf(sheets);
    const parsed = parseEntrySheet(ws.name, ws.rows, this.rules(actor, b));
    const indicators = new Map(b.indicators.map((i) => [i.code, i]));

    const groups = byUnitAndPeriod(
      parsed.rows,
      (r) => r.orgUnitId,
      (r) => r.period,
    );
    const cell = (r: ImportRow, k: EntryColumnKey, field: string, zh: string, en: string): FieldIssue => ({
      sheet: ws.name,
      row: r.row,
      ...(parsed.columns[k] ? { column: parsed.columns[k] } : {}),
      field,
      ...bilingual(zh, en),
    });

    const result = await this.db.transaction().execute(async (trx) => {
      const units = [...new Set(parsed.rows.map((r) => r.orgUnitId))];
      const periods = [...new Set(parsed.rows.map((r) => r.period))];
      const batch = await this.values.entry.openImport(trx, units, periods, { previous: true });
      const issues = [...parsed.issues];
      const versions = new Map<ImportRow, number | null>();
      for (const r of parsed.rows) {
        const cur = batch.value(r.indicatorCode, r.orgUnitId, r.period);
        versions.set(r, cur?.version ?? null);
        if (batch.locked(r.period))
          issues.push(cell(r, 'period', '期别', `${r.period} 已锁定，不能导入`, `period ${r.period} is locked`));
        else if (cur) issues.push(...this.stateIssues(r, cur, cell));
      }
      if (issues.length > 0) throw unprocessable(issues.sort(byPosition));

      let imported = 0;
      const warnings: RowWarning[] = [...parsed.warnings];
      for (const rows of groups) {
        const saved = await this.saveGroup(trx, actor, b, rows, versions, ws.name, parsed.columns, batch);
        imported += saved.savedIds.length;
        for (const r of rows) {
          const w = plausibilityWarning(
            indicators.get(r.indicatorCode) as IndicatorRow,
            r.value,
            saved.prev.get(r.indicatorCode)?.value ?? null,
          );
          if (w)
            warnings.push({
              sheet: ws.name,
              row: r.row,
              ...(parsed.columns.value ? { column: parsed.columns.value } : {}),
              ...w,
            });
        }
      }
      await this.values.entry.closeImport(trx, batch);
      return { imported, warnings };
    });
    if (result.imported > 0) this.events.emit('values.entered', {});
    return {
      imported: result.imported,
      unchanged: parsed.rows.length - result.imported,
      skipped: parsed.skipped,
      warnings: result.warnings.sort(byPosition),
    };
  }

  /** Why a stored value cannot take the file's row: only the reporter's own drafts and returned values can. */
  private stateIssues(
    r: ImportRow,
    cur: ValueRow,
    cell: (r: ImportRow, k: EntryColumnKey, field: string, zh: string, en: string) => FieldIssue,
  ): FieldIssue[] {
    if (cur.origin !== 'reported') {
      return [
        cell(
          r,
          'value',
          '本期值',
          '该数据是已发布的公开数据（来源文件），不能通过导入修改',
          'a published figure from a source document cannot be changed',
        ),
      ];
    }
    if (!EDITABLE_STATUSES.has(cur.status)) {
      const s = STATUS_ZH[cur.status] ?? cur.status;
      return [
        cell(
          r,
          'value',
          '本期值',
          `该数据${s}，不能通过导入修改`,
          `the value is ${cur.status} and cannot be changed by an import`,
        ),
      ];
    }
    if (cur.status === 'returned' && cur.value !== r.value && !r.note) {
      return [cell(r, 'note', '填报说明', '修改已退回的数据须填写说明', 'a revision of a returned value needs a note')];
    }
    return [];
  }

  /** Writes one (unit, period) group through the value service; its `entries.<n>` issues are mapped back to cells. */
  private async saveGroup(
    trx: Tx,
    actor: Actor,
    b: FrameworkBundle,
    rows: ImportRow[],
    versions: Map<ImportRow, number | null>,
    sheet: string,
    columns: Partial<Record<EntryColumnKey, string>>,
    batch: ImportBatch,
  ) {
    const first = rows[0] as ImportRow;
    try {
      return await this.values.entry.saveInTransaction(
        trx,
        actor,
        {
          frameworkId: b.framework.id,
          orgUnitId: first.orgUnitId,
          period: first.period,
          entries: rows.map((r) => ({
            indicatorCode: r.indicatorCode,
            value: r.value,
            version: versions.get(r) ?? null,
            note: r.note,
          })),
        },
        { batch },
      );
    } catch (e) {
      // Reached only when another writer got in between the checks above and this write (PostgreSQL).
      if (!(e instanceof AppError)) throw e;
      const details = (
        e.details ?? rows.map((_, n) => ({ field: `entries.${n}.value`, ...bilingual(e.message, e.messageEn) }))
      ).map((d) => {
        const m = /^entries\.(\d+)\.(\w+)$/.exec(d.field);
        const r = m ? rows[Number(m[1])] : undefined;
        if (!r) return d;
        const key: EntryColumnKey = m?.[2] === 'note' ? 'note' : 'value';
        return {
          sheet,
          row: r.row,
          ...(columns[key] ? { column: columns[key] } : {}),
          field: key === 'note' ? '填报说明' : '本期值',
          message: d.message,
          text: d.text,
        };
      });
      throw new AppError(e.code, { zh: e.message, en: e.messageEn }, details);
    }
  }

  private entrySheet(sheets: readonly SheetRows[]): SheetRows {
    const named = sheets.find((s) => s.name === ENTRY_SHEET);
    if (named) return named;
    // A user who renamed the sheet, or built a file of their own: the first visible data sheet.
    const other = sheets.find((w) => w.state === 'visible' && w.name !== HELP_SHEET && w.name !== META_SHEET);
    if (other) return other;
    throw unprocessable([
      { sheet: ENTRY_SHEET, field: 'sheet', ...bilingual(`找不到“${ENTRY_SHEET}”工作表`, `no entry sheet found`) },
    ]);
  }

  /** The framework the template was made for (hidden `_meta` sheet), or the current one for a home-made file. */
  private async frameworkOf(sheets: readonly SheetRows[]): Promise<FrameworkBundle> {
    const sheet = sheets.find((s) => s.name === META_SHEET);
    const meta = sheet ? readMeta(sheet.rows) : new Map<string, string>();
    const version = meta.get('templateVersion');
    if (version !== undefined && version !== TEMPLATE_VERSION) {
      throw unprocessable([
        {
          sheet: META_SHEET,
          row: 1,
          column: 'B',
          field: 'templateVersion',
          ...bilingual(
            `模板版本（${version}）已不适用，请重新下载模板`,
            `outdated template version; download a new one`,
          ),
        },
      ]);
    }
    const id = meta.get('frameworkId');
    try {
      return await this.evaluation.resolveFramework(id);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'NOT_FOUND' || id === undefined) throw e;
      throw unprocessable([
        {
          sheet: META_SHEET,
          row: 2,
          column: 'B',
          field: 'frameworkId',
          ...bilingual(`模板对应的指标体系（${id}）不存在，请重新下载模板`, `unknown framework ${id}`),
        },
      ]);
    }
  }

  /** The in-memory checks of `parseEntrySheet` for this actor and framework; every answer is cached per key. */
  private rules(actor: Actor, b: FrameworkBundle): ImportRules {
    const org = this.org();
    const access = this.access();
    const indicators = new Map(b.indicators.map((i) => [i.code, i]));
    const byUpper = new Map(b.indicators.map((i) => [i.code.toUpperCase(), i]));
    const unitByCode = new Map([...org.byId.values()].map((u) => [u.code.toUpperCase(), u]));
    const enterable = new Map<string, boolean>();
    const reportable = new Map<string, Set<string>>();
    const canEnter = (unitId: string, i: IndicatorRow) => access.canEnter(actor, unitId, indicatorRef(b, i));
    const outOfScope: Localized = { zh: '超出您的填报范围', en: 'outside your entry scope' };
    const notYours: Localized =
      actor.role === 'departmentReporter'
        ? { zh: '不是本部门牵头填报的指标', en: 'not an indicator your department leads' }
        : { zh: '无权填报该指标', en: 'not yours to enter' };
    return {
      year: b.framework.year,
      indicator: (code) => {
        const i = indicators.get(code) ?? byUpper.get(code.toUpperCase());
        return i
          ? {
              code: i.code,
              name: i.name,
              computed: i.formula !== null || i.fed_by !== null,
              minValue: i.min_value,
              maxValue: i.max_value,
            }
          : undefined;
      },
      orgUnit: (ref) => {
        const u = org.get(ref) ?? org.get(ref.toLowerCase()) ?? unitByCode.get(ref.toUpperCase());
        return u ? { id: u.id, name: u.name } : undefined;
      },
      // A unit is out of scope when the actor may enter no indicator at all for it; Access decides, per indicator.
      unitRefusal: (unitId) => {
        let ok = enterable.get(unitId);
        if (ok === undefined) {
          ok = b.indicators.some((i) => canEnter(unitId, i));
          enterable.set(unitId, ok);
        }
        return ok ? null : outOfScope;
      },
      indicatorRefusal: (unitId, code) => {
        const i = indicators.get(code);
        return i && canEnter(unitId, i) ? null : notYours;
      },
      reportable: (unitId, period, code) => {
        const k = `${unitId}|${period}`;
        let set = reportable.get(k);
        if (!set) {
          set = new Set(this.values.entry.reportable(b, unitId, period).map((i) => i.code));
          reportable.set(k, set);
        }
        return set.has(code);
      },
    };
  }

  async matrixWorkbook(
    actor: Actor,
    q: { frameworkId?: string | undefined; asOf?: string | undefined; dimensionCode?: string | undefined },
  ): Promise<XlsxFile> {
    const m = await this.evaluation.matrix(actor, q);
    const wb = buildMatrixWorkbook(m, { generatedAt: this.clock.now(), hasDemoData: await this.hasDemoData(m.asOf) });
    const tag = [q.dimensionCode, m.asOf ?? 'none'].filter(Boolean).join('_');
    return {
      filename: `评价矩阵_${tag}.xlsx`,
      asciiFilename: `evaluation-matrix_${tag}.xlsx`,
      body: await toBuffer(wb),
    };
  }

  /** The ranking exactly as GET /evaluation/ranking answers it, from the actor's own matrix. */
  async rankingWorkbook(
    actor: Actor,
    q: { frameworkId?: string | undefined; asOf?: string | undefined },
  ): Promise<XlsxFile> {
    const m = await this.evaluation.matrix(actor, { ...q, dimensionCode: undefined });
    const rows = rankingOf(m, this.org().root()?.id ?? '');
    const wb = buildRankingWorkbook(rows, m, {
      generatedAt: this.clock.now(),
      hasDemoData: await this.hasDemoData(m.asOf),
    });
    const tag = m.asOf ?? 'none';
    return { filename: `区县排名_${tag}.xlsx`, asciiFilename: `ranking_${tag}.xlsx`, body: await toBuffer(wb) };
  }

  private async hasDemoData(asOf: string | null): Promise<boolean> {
    return asOf ? this.repo.hasGeneratedValues(parsePeriod(asOf).year) : false;
  }
}
