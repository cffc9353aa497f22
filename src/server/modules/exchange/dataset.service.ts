import { parsePeriod } from '../../../domain/periods.ts';
import { fromDhis2Period, toDhis2Period } from '../../../domain/exchange/periods.ts';
import { isEditable, revisionNeedsNote } from '../../../domain/values/status.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { IdMappingRow } from '../../db/exchange-tables.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { DataValueSetQuery, ImportConflict, ImportOptions, ImportSummary } from '../../../shared/api/exchange.ts';
import type { FrameworkBundle, FrameworkRepository, IndicatorRow } from '../frameworks/framework.repository.ts';
import { indicatorRef, loadBundle } from '../values/value.mapper.ts';
import type { ValueService } from '../values/value.service.ts';
import type { ValueRow } from '../values/value.repository.ts';
import { byUnitAndPeriod, type ImportBatch } from '../values/value.import.ts';
import { DEFAULT_COMBO, numberOf, type ExchangeRow, type OutValue } from './dhis2.format.ts';
import type { ExchangeRepository, ExportedValueRow } from './exchange.repository.ts';
import type { Observation } from './sdmx.format.ts';
import type { TokenRepository } from './token.repository.ts';

/** The roles that enter values, and so may import them (the entry grid's rule, src/server/access/policy.ts). */
const IMPORT_ROLES = new Set(['districtReporter', 'departmentReporter']);

/** What was sent, for the value's history: the system, the format, the token and the file. */
export interface ImportOrigin {
  format: 'dhis2-json' | 'dhis2-csv' | 'adx';
  token: string | null;
  fileName: string | null;
}

/** Rolls a dry run's transaction back after everything was checked and written. */
class DryRun extends Error {}

/** A value of the file resolved to Gongfu's codes, ready to be judged against what is stored. */
interface Candidate {
  row: ExchangeRow;
  indicator: IndicatorRow;
  unitId: string;
  period: string;
  value: number;
  note: string | null;
}

const bothLanguages = (zh: string, en: string) => ({ zh, en });

/**
 * The identifiers of one scheme: Gongfu's own codes (indicator codes, GB/T 2260 codes of the administrative
 * divisions — or the unit's id), or another system's through the mapping table the centre keeps.
 */
export class IdScheme {
  readonly name: string | null;
  private readonly dataElements = new Map<string, string>();
  private readonly orgUnits = new Map<string, string>();
  private readonly indicatorOut = new Map<string, { dataElement: string; categoryOptionCombo: string }>();
  private readonly unitOut = new Map<string, string>();
  private readonly org: OrgIndex;
  private readonly unitByCode = new Map<string, string>();

  constructor(name: string | null, mappings: readonly IdMappingRow[], org: OrgIndex) {
    this.name = name;
    this.org = org;
    for (const n of org.byId.values()) if (n.code) this.unitByCode.set(n.code, n.id);
    for (const m of mappings) {
      if (m.kind === 'dataElement') {
        this.dataElements.set(m.external_id, m.internal_code);
        const [de, coc] = m.external_id.split('.');
        const out = { dataElement: de as string, categoryOptionCombo: coc ?? DEFAULT_COMBO };
        // A plain data element mapping is written out in preference to an operand (de.coc) of the same indicator.
        if (!this.indicatorOut.has(m.internal_code) || coc === undefined) this.indicatorOut.set(m.internal_code, out);
      } else if (m.kind === 'orgUnit') {
        const unit = this.unitOf(m.internal_code, false);
        if (unit) {
          this.orgUnits.set(m.external_id, unit);
          this.unitOut.set(unit, m.external_id);
        }
      }
    }
  }

  private unitOf(code: string, viaMapping: boolean): string | null {
    if (viaMapping && this.name !== null) return this.orgUnits.get(code) ?? null;
    return this.unitByCode.get(code) ?? (this.org.get(code) ? code : null);
  }

  /** The indicator code of a data element (and its category option combo), or null when it has none. */
  indicator(dataElement: string, categoryOptionCombo: string | null): string | null {
    const defaultCombo =
      categoryOptionCombo === null || categoryOptionCombo === DEFAULT_COMBO || categoryOptionCombo === 'default';
    if (this.name === null) return defaultCombo ? dataElement : null;
    const operand = categoryOptionCombo ? this.dataElements.get(`${dataElement}.${categoryOptionCombo}`) : undefined;
    return operand ?? (defaultCombo ? (this.dataElements.get(dataElement) ?? null) : null);
  }

  unit(orgUnit: string): string | null {
    return this.unitOf(orgUnit, true);
  }

  /** How an indicator is written in this scheme, or null when the scheme has no identifier for it. */
  indicatorId(code: string): { dataElement: string; categoryOptionCombo: string } | null {
    if (this.name === null) return { dataElement: code, categoryOptionCombo: DEFAULT_COMBO };
    return this.indicatorOut.get(code) ?? null;
  }

  unitId(unitId: string): string | null {
    if (this.name === null) return this.org.get(unitId)?.code || unitId;
    return this.unitOut.get(unitId) ?? null;
  }
}

/**
 * Values in and out in the exchange formats (DHIS2 data value sets in JSON and CSV, ADX), through the value
 * service's own transactional save — the entry grid's rules: the actor's entry scope, locked periods, the framework's
 * year, what each unit reports in each period, the range of each indicator, the review workflow (only drafts and
 * returned values change; a returned value changed needs a comment) and stale versions (the value's version is read
 * and guarded in the transaction; a file's `lastUpdated` older than the stored change is stale).
 *
 * Imported values land as drafts, or submitted when asked (`submit`), never further: review and publication stay
 * with people. Each keeps its origin in its history (`value_history.source`).
 */
export class DataSetService {
  private readonly db: Queryable;
  private readonly repo: ExchangeRepository;
  private readonly tokens: TokenRepository;
  private readonly values: ValueService;
  private readonly frameworks: FrameworkRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly events: EventBus;

  constructor(deps: {
    db: Queryable;
    repo: ExchangeRepository;
    tokens: TokenRepository;
    values: ValueService;
    frameworks: FrameworkRepository;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    events: EventBus;
  }) {
    this.db = deps.db;
    this.repo = deps.repo;
    this.tokens = deps.tokens;
    this.values = deps.values;
    this.frameworks = deps.frameworks;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.events = deps.events;
  }

  async scheme(name: string | null): Promise<IdScheme> {
    return new IdScheme(name, name === null ? [] : await this.repo.mappings(name), this.org());
  }

  /**
   * Imports the values of a file already read into rows. Every bad value is a conflict naming its index (and line)
   * and the reason in both languages; with `atomicMode: 'ALL'` (the default) a single conflict stores nothing.
   */
  async importRows(
    actor: Actor,
    rows: readonly ExchangeRow[],
    options: ImportOptions,
    origin: ImportOrigin,
  ): Promise<ImportSummary> {
    if (!IMPORT_ROLES.has(actor.role))
      throw new AppError('FORBIDDEN', {
        zh: '只有填报账户可以导入数据（服务账户须授权为填报员角色）',
        en: 'Only reporter accounts import values (a service account must be authorised as a reporter)',
      });
    const b = await loadBundle(this.frameworks, options.frameworkId);
    const scheme = await this.scheme(options.scheme);
    const conflicts: ImportConflict[] = [];
    const conflict = (
      row: ExchangeRow,
      property: string,
      object: string,
      errorCode: string,
      text: { zh: string; en: string },
    ) =>
      conflicts.push({
        object,
        objects: { [property]: object },
        value: text.en,
        text,
        errorCode,
        property,
        indexes: [row.index],
        line: row.line,
      });
    const candidates = this.resolve(actor, b, scheme, rows, conflict);

    const units = [...new Set(candidates.map((c) => c.unitId))];
    const periods = [...new Set(candidates.map((c) => c.period))];
    const sourceOf = {
      format: origin.format,
      system: (await this.tokens.account(actor.userId))?.system_name ?? null,
      token: origin.token,
      file: origin.fileName,
    };
    const source = JSON.stringify(sourceOf);
    const counts = { imported: 0, updated: 0, ignored: rows.length - candidates.length, deleted: 0 };
    const run = async (trx: Tx) => {
      const batch = await this.values.entry.openImport(trx, units, periods);
      const writes: { c: Candidate; cur: ValueRow | undefined }[] = [];
      /** Drafts the file holds unchanged: with `submit` they are submitted all the same. */
      const unchanged: string[] = [];
      for (const c of candidates) {
        const cur = batch.value(c.indicator.code, c.unitId, c.period);
        const why = this.judge(c, cur, batch, options);
        if (why === 'ignore') {
          counts.ignored++;
          if (cur && isEditable(cur) && cur.value === c.value && cur.note === c.note) unchanged.push(cur.id);
        } else if (why) {
          counts.ignored++;
          conflict(c.row, why.property, why.object, why.code, why.text);
        } else writes.push({ c, cur });
      }
      if (conflicts.length > 0 && options.atomicMode === 'ALL') {
        counts.ignored = rows.length;
        return;
      }
      const savedIds: string[] = [];
      for (const group of byUnitAndPeriod(
        writes,
        (w) => w.c.unitId,
        (w) => w.c.period,
      )) {
        const first = group[0]?.c as Candidate;
        const saved = await this.values.entry.saveInTransaction(
          trx,
          actor,
          {
            frameworkId: b.framework.id,
            orgUnitId: first.unitId,
            period: first.period,
            entries: group.map(({ c, cur }) => ({
              indicatorCode: c.indicator.code,
              value: c.value,
              version: cur?.version ?? null,
              note: c.note,
            })),
          },
          { source, batch },
        );
        for (const id of saved.savedIds) savedIds.push(id);
        for (const { cur } of group) {
          if (cur) counts.updated++;
          else counts.imported++;
        }
      }
      if (options.submit && savedIds.length + unchanged.length > 0)
        await this.values.entry.submitInTransaction(trx, actor, [...savedIds, ...unchanged], { source, batch });
      // Every value keeps its own history rows (with the source); the audit trail gets one record for the import.
      await this.values.entry.closeImport(trx, batch, {
        summary: {
          action: 'value.import',
          detail: {
            // The token's name as the route records write it (`credential`): the trail redacts any key saying `token`.
            source: { format: sourceOf.format, system: sourceOf.system, file: sourceOf.file },
            credential: origin.token === null ? null : { kind: 'apiToken', name: origin.token },
            frameworkId: b.framework.id,
            dryRun: options.dryRun,
            importStrategy: options.importStrategy,
            atomicMode: options.atomicMode,
            imported: counts.imported,
            updated: counts.updated,
            ignored: counts.ignored,
            conflicts: conflicts.length,
            orgUnits: units.length,
            periods: [...periods].sort(),
          },
        },
      });
      if (options.dryRun) throw new DryRun();
    };
    try {
      await this.db.transaction().execute(run);
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    const status = conflicts.length === 0 ? 'SUCCESS' : options.atomicMode === 'ALL' ? 'ERROR' : 'WARNING';
    if (!options.dryRun && status !== 'ERROR') this.events.emit('values.entered', {});
    return summary(status, options, counts, conflicts);
  }

  /** The file's identifiers, period and value resolved; what cannot be resolved is a conflict of its row. */
  private resolve(
    actor: Actor,
    b: FrameworkBundle,
    scheme: IdScheme,
    rows: readonly ExchangeRow[],
    conflict: (row: ExchangeRow, property: string, object: string, code: string, t: { zh: string; en: string }) => void,
  ): Candidate[] {
    const access = this.access();
    const indicators = new Map(b.indicators.map((i) => [i.code, i]));
    const reportable = new Map<string, Set<string>>();
    const reportableOf = (unitId: string, period: string) => {
      const k = `${unitId}|${period}`;
      let set = reportable.get(k);
      if (!set) {
        set = new Set(this.values.entry.reportable(b, unitId, period).map((i) => i.code));
        reportable.set(k, set);
      }
      return set;
    };
    const seen = new Map<string, number>();
    const out: Candidate[] = [];
    for (const row of rows) {
      const code = scheme.indicator(row.dataElement, row.categoryOptionCombo);
      const indicator = code === null ? undefined : indicators.get(code);
      if (!indicator) {
        const operand = row.categoryOptionCombo ? `${row.dataElement}.${row.categoryOptionCombo}` : row.dataElement;
        conflict(
          row,
          'dataElement',
          operand,
          'E_DATA_ELEMENT',
          code === null && scheme.name !== null
            ? bothLanguages(
                `数据元 ${operand} 在标识映射 ${scheme.name} 中没有对应的指标`,
                `data element ${operand} has no mapping to an indicator in scheme ${scheme.name}`,
              )
            : code === null
              ? bothLanguages(
                  `不支持分类选项组合 ${row.categoryOptionCombo ?? ''}（共富只接收默认组合）`,
                  `category option combo ${row.categoryOptionCombo ?? ''} is not supported (only the default combo)`,
                )
              : bothLanguages(
                  `未知指标 ${code}（${b.framework.year} 年度指标体系中没有）`,
                  `unknown indicator ${code} (not in the ${b.framework.year} framework)`,
                ),
        );
        continue;
      }
      if (
        row.attributeOptionCombo !== null &&
        row.attributeOptionCombo !== DEFAULT_COMBO &&
        row.attributeOptionCombo !== 'default'
      ) {
        conflict(
          row,
          'attributeOptionCombo',
          row.attributeOptionCombo,
          'E_ATTRIBUTE_OPTION_COMBO',
          bothLanguages(
            `不支持属性选项组合 ${row.attributeOptionCombo}（共富只接收默认组合）`,
            `attribute option combo ${row.attributeOptionCombo} is not supported (only the default combo)`,
          ),
        );
        continue;
      }
      const unitId = scheme.unit(row.orgUnit);
      if (unitId === null) {
        conflict(
          row,
          'orgUnit',
          row.orgUnit,
          'E_ORG_UNIT',
          scheme.name !== null
            ? bothLanguages(
                `组织机构 ${row.orgUnit} 在标识映射 ${scheme.name} 中没有对应的单位`,
                `org unit ${row.orgUnit} has no mapping in scheme ${scheme.name}`,
              )
            : bothLanguages(`未知单位 ${row.orgUnit}`, `unknown org unit ${row.orgUnit}`),
        );
        continue;
      }
      const period = row.periodCode;
      if (period === null) {
        conflict(
          row,
          'period',
          row.period,
          'E_PERIOD',
          bothLanguages(
            `期别 ${row.period} 无法识别（DHIS2：202401、2024Q1、2024；ADX：2024-01-01/P1M、2024-01-01/P3M、2024-01-01/P1Y）`,
            `period ${row.period} is not understood (DHIS2: 202401, 2024Q1, 2024; ADX: 2024-01-01/P1M, 2024-01-01/P3M, 2024-01-01/P1Y)`,
          ),
        );
        continue;
      }
      if (parsePeriod(period).year !== b.framework.year) {
        conflict(
          row,
          'period',
          row.period,
          'E_PERIOD_YEAR',
          bothLanguages(
            `期别 ${row.period} 不属于 ${b.framework.year} 年度指标体系`,
            `period ${row.period} is not in the framework's year ${b.framework.year}`,
          ),
        );
        continue;
      }
      if (!reportableOf(unitId, period).has(indicator.code)) {
        conflict(
          row,
          'dataElement',
          row.dataElement,
          'E_NOT_REPORTED',
          indicator.formula || indicator.fed_by
            ? bothLanguages(
                `${indicator.name}（${indicator.code}）为计算或自动汇总指标，不能填报`,
                `${indicator.code} is computed or fed by another module and cannot be entered`,
              )
            : bothLanguages(
                `${this.org().get(unitId)?.name ?? unitId}在 ${period} 不填报${indicator.name}（${indicator.code}）`,
                `${indicator.code} is not reported by ${unitId} for ${period}`,
              ),
        );
        continue;
      }
      if (!access.canEnter(actor, unitId, indicatorRef(b, indicator))) {
        conflict(
          row,
          'orgUnit',
          row.orgUnit,
          'E_OUT_OF_SCOPE',
          bothLanguages(
            `超出权限范围：不能为${this.org().get(unitId)?.name ?? unitId}填报${indicator.code}`,
            `outside the account's scope: may not enter ${indicator.code} for ${unitId}`,
          ),
        );
        continue;
      }
      const value = numberOf(row.value);
      if (value === null) {
        conflict(
          row,
          'value',
          row.value ?? '',
          'E_VALUE',
          row.value === null
            ? bothLanguages('缺少数值（不支持通过导入删除数据）', 'no value (deleting values is not supported)')
            : bothLanguages(`数值 ${row.value} 不是数字`, `value ${row.value} is not a number`),
        );
        continue;
      }
      if (indicator.min_value !== null && value < indicator.min_value) {
        conflict(
          row,
          'value',
          row.value ?? '',
          'E_VALUE_RANGE',
          bothLanguages(
            `${indicator.name}不能小于 ${indicator.min_value}`,
            `${indicator.code} is below the minimum ${indicator.min_value}`,
          ),
        );
        continue;
      }
      if (indicator.max_value !== null && value > indicator.max_value) {
        conflict(
          row,
          'value',
          row.value ?? '',
          'E_VALUE_RANGE',
          bothLanguages(
            `${indicator.name}不能大于 ${indicator.max_value}`,
            `${indicator.code} is above the maximum ${indicator.max_value}`,
          ),
        );
        continue;
      }
      const key = `${indicator.code}|${unitId}|${period}`;
      const first = seen.get(key);
      if (first !== undefined) {
        conflict(
          row,
          'dataElement',
          row.dataElement,
          'E_DUPLICATE',
          bothLanguages(
            `与第 ${first + 1} 个数值重复（同一指标、单位、期别）`,
            `the same value as value ${first} (same indicator, org unit and period)`,
          ),
        );
        continue;
      }
      seen.set(key, row.index);
      out.push({ row, indicator, unitId, period, value, note: row.comment });
    }
    return out;
  }

  /** Why a resolved value cannot be written over what is stored; 'ignore' when the strategy leaves it. */
  private judge(
    c: Candidate,
    cur: ValueRow | undefined,
    batch: ImportBatch,
    options: ImportOptions,
  ): 'ignore' | null | { property: string; object: string; code: string; text: { zh: string; en: string } } {
    if (batch.locked(c.period))
      return {
        property: 'period',
        object: c.row.period,
        code: 'E_LOCKED',
        text: bothLanguages(`${c.period} 已锁定，不能导入`, `period ${c.period} is locked`),
      };
    if (!cur) return options.importStrategy === 'UPDATE' ? 'ignore' : null;
    if (options.importStrategy === 'CREATE') return 'ignore';
    if (cur.value === c.value && cur.note === c.note) return 'ignore';
    if (!isEditable(cur))
      return {
        property: 'value',
        object: c.row.value ?? '',
        code: 'E_STATE',
        text:
          cur.origin !== 'reported'
            ? bothLanguages(
                `${c.indicator.code} 是已发布的公开数据（来源文件），不能通过导入修改`,
                `${c.indicator.code} is a published figure from a source document and cannot be changed`,
              )
            : bothLanguages(
                `${c.indicator.code} 当前状态（${cur.status}）不能通过导入修改`,
                `${c.indicator.code} is ${cur.status} and cannot be changed by an import`,
              ),
      };
    if (revisionNeedsNote(cur, c.value, c.note))
      return {
        property: 'comment',
        object: c.row.dataElement,
        code: 'E_NOTE',
        text: bothLanguages('修改已退回的数据须填写说明（comment）', 'a revision of a returned value needs a comment'),
      };
    if (c.row.lastUpdated !== null) {
      const sent = new Date(c.row.lastUpdated).getTime();
      if (Number.isFinite(sent) && new Date(cur.updated_at).getTime() > sent)
        return {
          property: 'lastUpdated',
          object: c.row.lastUpdated,
          code: 'E_STALE',
          text: bothLanguages(
            `${c.indicator.code} 已于 ${cur.updated_at} 在共富中修改，晚于文件的 lastUpdated`,
            `${c.indicator.code} was changed in Gongfu at ${cur.updated_at}, after the file's lastUpdated`,
          ),
        };
    }
    return null;
  }

  /**
   * The values of a year the actor may read, in the scheme asked for, ordered by period, unit and indicator: the
   * published ones (default) or every status the actor may see. Generated demonstration values are never exported:
   * another system would take them for facts.
   */
  async observations(
    actor: Actor,
    q: { frameworkId?: string | undefined; orgUnit?: string | undefined; preview: boolean },
  ): Promise<AsyncGenerator<Observation[]>> {
    const access = this.access();
    const { roots } = access.aggregateScope(actor);
    if (q.preview && actor.role !== 'coordinator' && actor.role !== 'reviewer') throw new AppError('FORBIDDEN');
    const b = await loadBundle(this.frameworks, q.frameworkId);
    const org = this.org();
    let unitIds = [...new Set(roots.flatMap((id) => org.subtree(id)))];
    if (q.orgUnit) {
      const unit = new IdScheme(null, [], org).unit(q.orgUnit);
      if (unit === null)
        throw new AppError('NOT_FOUND', { zh: `未知单位 ${q.orgUnit}`, en: `Unknown org unit ${q.orgUnit}` });
      access.assertView(actor, [unit]);
      unitIds = org.subtree(unit).filter((id) => unitIds.includes(id));
    }
    const pages = this.repo.exportValuePages({
      year: b.framework.year,
      periods: null,
      unitIds,
      statuses: q.preview ? ['approved', 'published'] : ['published'],
      origins: ['reported', 'published', 'generated'],
    });
    const indicators = new Map(b.indicators.map((i) => [i.code, i]));
    const seen = visibility(access, actor, b, indicators);
    return (async function* () {
      for await (const rows of pages) {
        const out: Observation[] = [];
        for (const r of rows) {
          const i = indicators.get(r.indicator_code);
          if (!i || r.value === null || !seen(i)) continue;
          out.push({
            indicator: r.indicator_code,
            area: org.get(r.org_unit_id)?.code || r.org_unit_id,
            period: r.period,
            value: r.value,
            unit: i.unit,
            status: r.origin === 'generated' ? 'G' : r.status === 'approved' ? 'P' : 'A',
          });
        }
        yield out;
      }
    })();
  }

  /**
   * The values of the export, a page at a time (the access checks are made before the first page: a refusal is an
   * answer, not a broken stream).
   */
  async exportValues(actor: Actor, q: DataValueSetQuery): Promise<AsyncGenerator<OutValue[]>> {
    const access = this.access();
    const b = await loadBundle(this.frameworks, q.frameworkId);
    const scheme = await this.scheme(q.scheme ?? null);
    const org = this.org();
    let unitIds: string[];
    if (q.orgUnit) {
      const root = scheme.unit(q.orgUnit);
      if (root === null)
        throw new AppError('NOT_FOUND', { zh: `未知单位 ${q.orgUnit}`, en: `Unknown org unit ${q.orgUnit}` });
      access.assertView(actor, [root]);
      unitIds = q.children ? org.subtree(root) : [root];
    } else {
      unitIds = [...org.byId.keys()];
    }
    unitIds = access.visibleUnits(actor, unitIds);
    const periods = q.period ? q.period.map((p) => fromDhis2Period(p) ?? p) : null;
    const pages = this.repo.exportValuePages({
      year: b.framework.year,
      periods,
      unitIds,
      statuses: q.status === 'all' ? null : ['published'],
      origins: ['reported', 'published'],
    });
    const indicators = new Map(b.indicators.map((i) => [i.code, i]));
    const seen = visibility(access, actor, b, indicators);
    return (async function* () {
      for await (const rows of pages) {
        const out: OutValue[] = [];
        for (const r of rows) {
          const i = indicators.get(r.indicator_code);
          if (!i || !seen(i)) continue;
          const de = scheme.indicatorId(r.indicator_code);
          const ou = scheme.unitId(r.org_unit_id);
          if (!de || !ou) continue;
          out.push(toOut(r, de, ou));
        }
        yield out;
      }
    })();
  }
}

/** Whether the actor may see each indicator, asked once per indicator rather than once per exported value. */
function visibility(
  access: Access,
  actor: Actor,
  b: FrameworkBundle,
  indicators: ReadonlyMap<string, IndicatorRow>,
): (i: IndicatorRow) => boolean {
  const may = new Map<string, boolean>();
  for (const i of indicators.values()) may.set(i.code, access.canSeeIndicator(actor, indicatorRef(b, i)));
  return (i) => may.get(i.code) === true;
}

function toOut(r: ExportedValueRow, de: { dataElement: string; categoryOptionCombo: string }, ou: string): OutValue {
  return {
    dataElement: de.dataElement,
    period: toDhis2Period(r.period),
    orgUnit: ou,
    categoryOptionCombo: de.categoryOptionCombo,
    attributeOptionCombo: DEFAULT_COMBO,
    value: String(r.value),
    storedBy: r.username ?? '',
    lastUpdated: r.updated_at,
    comment: r.note,
    followup: false,
  };
}

function summary(
  status: ImportSummary['status'],
  options: ImportOptions,
  importCount: ImportSummary['importCount'],
  conflicts: ImportConflict[],
): ImportSummary {
  const description =
    status === 'SUCCESS'
      ? bothLanguages(
          options.dryRun ? '试导入完成，未保存任何数据' : '导入完成',
          options.dryRun ? 'Dry run completed; nothing was stored' : 'Import process completed successfully',
        )
      : status === 'WARNING'
        ? bothLanguages('导入完成，有冲突的数值已跳过', 'Import completed; the values in conflict were skipped')
        : bothLanguages('存在冲突，全部未导入（全部或全不）', 'Conflicts found; nothing was imported (all or nothing)');
  return {
    responseType: 'ImportSummary',
    status,
    description: description.en,
    descriptionText: description,
    importOptions: {
      dryRun: options.dryRun,
      importStrategy: options.importStrategy,
      atomicMode: options.atomicMode,
      idScheme: options.scheme ?? 'CODE',
      submit: options.submit,
    },
    importCount,
    conflicts,
  };
}

/** A file that could not be read at all: one conflict, nothing imported. */
export function unreadable(
  options: ImportOptions,
  rows: number,
  text: { zh: string; en: string },
  line: number | null,
): ImportSummary {
  return summary('ERROR', options, { imported: 0, updated: 0, ignored: rows, deleted: 0 }, [
    {
      object: 'file',
      objects: { file: 'file' },
      value: text.en,
      text,
      errorCode: 'E_FILE',
      property: 'file',
      indexes: [],
      line,
    },
  ]);
}
