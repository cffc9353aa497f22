import crypto from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import os from 'node:os';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AUTO_OPEN_FLAGS, type FlagChange } from '../../../domain/households/cases.ts';
import { idTail } from '../../../domain/households/id-number.ts';
import {
  assessHousehold,
  DEFAULT_REGISTRY_RULE,
  flagCode,
  HOUSEHOLD_WRITERS,
  RELATION_NAMES,
  type RegistryRule,
} from '../../../domain/households/registry.ts';
import {
  columnLetter,
  RELATION_LABELS,
  SOURCE_LABELS,
  SURVEY_COLUMNS,
  surveyReader,
  type SurveyHousehold,
  type SurveyProblem,
} from '../../../domain/households/survey.ts';
import { beijingDate } from '../../../domain/beijing-time.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { ImportJobRow } from '../../db/import-job-tables.ts';
import type { HouseholdMemberTable, HouseholdTable } from '../../db/household-tables.ts';
import { bilingual, textOf, AppError, notFound, validation } from '../../errors.ts';
import { zodText } from '../../http/error-handler.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { FieldCrypto } from '../../security/field-crypto.ts';
import { HOUSEHOLD_MEMBER_PERSONAL, MASKS, type PersonalData } from '../../security/personal-data.ts';
import { CsvProblem, readCsvPart } from '../../uploads/csv-rows.ts';
import { HouseholdImportRepository, type ImportQ, type ImportRows } from './household-import.repository.ts';
import { InProcessJobQueue } from '../../jobs/in-process.queue.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';

/** The job queue's name of the survey import (src/server/jobs). */
export const IMPORT_QUEUE = 'households.import';
/** The associated data the waiting file is sealed with (src/server/security/personal-data.ts lists the column). */
const FILE_CONTEXT = 'household_import_files.data';
/** This server process, as `household_import_jobs.runner` names it. */
const RUNNER = `${os.hostname()}:${process.pid}`;
/** The longest a request waits for a small file's import before it answers with the job as it stands. */
const INLINE_WAIT_MS = 120_000;
const FINISHED: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled']);

/** What the queue carries: the job, and who started it (the import runs with their scope, on whichever server). */
interface ImportJobData {
  importId: string;
  actor: Actor;
}

export type ImportFormat = 'csv' | 'xlsx';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done';

/** An import job as its page shows it. */
export interface ImportJobView {
  id: string;
  status: ImportStatus;
  phase: ImportPhase;
  format: ImportFormat;
  fileName: string;
  bytes: number;
  rowsRead: number;
  /** Known once the file has been read. */
  rowsTotal: number | null;
  households: number;
  members: number;
  /** The bad cells (the first 1,000), each by row and column; the whole file is refused when there is one. */
  problems: FieldIssue[];
  problemCount: number;
  message: LocalizedText | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Files up to this size are imported while the request waits; larger ones answer at once and run as a job. */
export const INLINE_IMPORT_BYTES = 256 * 1024;
const SHEET = '收入摸底';
const MAX_PROBLEMS = 1000;
const PROGRESS_EVERY = 20_000;

class Cancelled extends Error {}
/** This try lost the job: the queue gave it to another server (this one stopped answering for a while). */
class Superseded extends Error {}

interface SheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** The problems of a file as the error catalogue's field issues: row, column letter, header, both languages. */
function issueOf(p: SurveyProblem): FieldIssue {
  return {
    field: p.header ?? 'row',
    row: p.row,
    ...(p.column ? { column: p.column } : {}),
    ...textOf(p.message),
  };
}

/** The text of an ExcelJS cell value as a survey cell (dates as YYYY-MM-DD, formulas by their result). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result);
    if ('error' in v) return String(v.error);
    return JSON.stringify(v);
  }
  return String(v);
}

/**
 * The income survey import (收入摸底导入, issue 8): the template (xlsx with validation lists and the reader's village
 * codes), the upload of CSV or XLSX read as a stream into households (src/domain/households/survey.ts), checked
 * whole — every bad cell by row and column, a person already registered naming the household — and written all or
 * nothing in one transaction with the cases their flags open. Files above {@link INLINE_IMPORT_BYTES} run as
 * background jobs whose progress is kept in `household_import_jobs`; a job can be cancelled until it commits, and a
 * server killed in the middle leaves nothing written.
 *
 * Every import is a job of the queue (`households.import`, src/server/jobs): the upload is stored sealed beside the
 * job's row (`household_import_files`) and any server may run it — on pg-boss, another server tries it again when the
 * one running it dies (the try is marked in the job's message), and after the last try the job is failed saying so;
 * in-process, a job a stopped server left unfinished is marked failed at the next start. Progress is the job's row,
 * so any server answers it. Small files are still answered when done: the request waits for the job.
 */
export class HouseholdImportService {
  private readonly db: Db;
  private readonly repo: HouseholdImportRepository;
  private readonly org: () => OrgIndex;
  private readonly clock: Clock;
  private readonly personal: PersonalData;
  private readonly crypto: () => FieldCrypto;
  private readonly auditor: Auditor;
  private readonly events: EventBus;
  private readonly rule: RegistryRule;
  private readonly flagged: (q: ImportQ, changes: FlagChange[]) => Promise<number>;
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  /** Who started each job running in this process. */
  private readonly owners = new Map<string, string>();
  /** The try of each job running in this process, as `runner` names it (`host:pid/try`). */
  private readonly tries = new Map<string, string>();
  /** Jobs whose try here lost its claim (pg-boss's signal): stopped at the next check, writing nothing more. */
  private readonly superseded = new Set<string>();
  private readonly queue: JobQueue;
  /** `started` (with the job's id) when this process begins a job: a request waiting for it stops polling. */
  private readonly local = new EventEmitter();

  constructor(deps: {
    db: Db;
    org: () => OrgIndex;
    clock: Clock;
    personal: PersonalData;
    fieldCrypto: () => FieldCrypto;
    auditor: Auditor;
    events: EventBus;
    rule?: RegistryRule;
    flagged: (q: ImportQ, changes: FlagChange[]) => Promise<number>;
    /** The server's job queue; a queue of its own in this process when none is given (tests). */
    jobs?: JobQueue;
  }) {
    this.db = deps.db;
    this.repo = new HouseholdImportRepository(deps.db);
    this.org = deps.org;
    this.clock = deps.clock;
    this.personal = deps.personal;
    this.crypto = deps.fieldCrypto;
    this.auditor = deps.auditor;
    this.events = deps.events;
    this.rule = deps.rule ?? DEFAULT_REGISTRY_RULE;
    this.flagged = deps.flagged;
    this.local.setMaxListeners(0);
    this.queue = deps.jobs ?? new InProcessJobQueue();
    // Tried once more when the server running it dies (the import is all or nothing: a second try starts clean). A
    // job whose heartbeat stops for 30 s is taken back by the supervisor of another server; every write of a try is
    // conditional on the job still being that try's, so a try that lost it (a stalled server) writes nothing more.
    this.queue.define<ImportJobData>(IMPORT_QUEUE, (data, job) => this.work(data, job.attempt, job.signal), {
      retryLimit: 1,
      // Generous: a loaded server's import may keep its event loop (and so its heartbeat) busy for seconds.
      heartbeatSeconds: 30,
      expireInSeconds: 3600,
      onFailed: (data, reason) => this.interrupted(data.importId, reason),
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private today(): string {
    return beijingDate(this.clock.now());
  }

  private assertWriter(actor: Actor): void {
    if (!(HOUSEHOLD_WRITERS as readonly string[]).includes(actor.role)) throw new AppError('FORBIDDEN');
  }

  /** The villages and communities of the actor's entry scope, with their codes. */
  private villages(actor: Actor) {
    const org = this.org();
    return [...org.byId.values()]
      .filter((n) => (n.kind === 'village' || n.kind === 'community') && org.within(n.id, actor.entryScope))
      .map((n) => ({ id: n.id, code: n.code, name: n.name, township: org.get(n.parentId ?? '')?.name ?? '' }));
  }

  /**
   * Marks jobs a stopped server left running as failed (nothing of theirs was committed). Only for the in-process
   * queue, at start: on pg-boss the queue itself tries them again or fails them ({@link interrupted}).
   */
  async recover(): Promise<number> {
    return this.repo.failInterrupted(this.now());
  }

  // ——— the template ———

  /**
   * The survey template: the sheet 收入摸底 (one row per member; the household's income on its head's row) with
   * validation lists for the relation, the yes/no columns and the source, an example row marked 示例 to delete, the
   * reader's villages and their codes (村（社区）代码), and the instructions (填写说明).
   */
  async template(actor: Actor): Promise<Buffer> {
    this.assertWriter(actor);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Gongfu';
    const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = SURVEY_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(10, c.zh.length * 2 + 4) }));
    ws.getRow(1).font = { bold: true };
    SURVEY_COLUMNS.forEach((c, i) => {
      ws.getCell(1, i + 1).note = `${c.en}${c.hint ? `\n${c.hint}` : ''}`;
    });
    const villages = this.villages(actor);
    const codes = wb.addWorksheet('村（社区）代码');
    codes.columns = [
      { header: '代码', key: 'code', width: 16 },
      { header: '村（社区）', key: 'name', width: 16 },
      { header: '乡镇（街道）', key: 'township', width: 16 },
    ];
    codes.getRow(1).font = { bold: true };
    for (const v of villages) codes.addRow(v);
    const lists = wb.addWorksheet('lists', { state: 'veryHidden' });
    const relations = Object.values(RELATION_LABELS);
    const sources = Object.values(SOURCE_LABELS);
    relations.forEach((r, i) => (lists.getCell(i + 1, 1).value = r));
    sources.forEach((s, i) => (lists.getCell(i + 1, 2).value = s));
    const col = (key: string) => SURVEY_COLUMNS.findIndex((c) => c.key === key) + 1;
    const lastRow = 20_000;
    const list = (key: string, formulae: string) => {
      const letter = columnLetter(col(key) - 1);
      // A range, not 20,000 cells: ExcelJS's typings leave the sheet's validations out.
      (ws as unknown as SheetValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [formulae],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: '请从下拉列表中选择 / choose from the list',
      });
    };
    list('relation', `lists!$A$1:$A$${relations.length}`);
    list('incomeSource', `lists!$B$1:$B$${sources.length}`);
    for (const k of ['inSchool', 'retired', 'seriouslyIll', 'ableToWork', 'willingToWork', 'employed'])
      list(k, '"是,否"');
    if (villages.length > 0) list('villageCode', `'村（社区）代码'!$A$2:$A$${villages.length + 1}`);
    for (const k of ['idNumber', 'villageCode', 'phone', 'householdKey']) ws.getColumn(col(k)).numFmt = '@';
    const example = ws.addRow({
      householdKey: '示例-1',
      villageCode: villages[0]?.code ?? '',
      address: '3组',
      name: '示例（请删除本行）',
      idNumber: '',
      relation: '户主',
      inSchool: '否',
      retired: '否',
      seriouslyIll: '否',
      ableToWork: '是',
      willingToWork: '是',
      employed: '是',
      incomeYear: Number(this.today().slice(0, 4)) - 1,
      incomeTotal: 36000,
      incomeSource: '收入摸底调查',
      recordedOn: this.today(),
    });
    example.font = { italic: true, color: { argb: 'FF888888' } };
    const help = wb.addWorksheet('填写说明');
    help.getColumn(1).width = 110;
    for (const line of [
      '收入摸底调查表填写说明 / How to fill in the income survey',
      '1. 每行一名家庭成员；同一户的成员填写同一“户编号”，每户须有且只有一名户主。',
      '2. 村（社区）代码见“村（社区）代码”表，只能填写您填报范围内的村（社区）。',
      '3. 性别和出生日期由身份证号码读取；身份证号码请以文本格式填写（18位，末位可为X）。',
      '4. 家庭收入填在户主所在行：知道精确收入时填“家庭年收入”（可附四项构成）；只知道1万元档位时填档位下限和上限（上限=下限+10000，最高档上限留空）。',
      '5. 整个文件一次导入：有任何一处错误都不会写入，错误按行、列列出，请改正后重新上传。',
      '6. 已登记在其他户的人员不能再次登记，错误信息会指出已登记的户。',
      '7. 请删除示例行后再上传。也可以另存为 CSV（UTF-8）上传，列的顺序与本表相同。',
    ]) {
      help.addRow([line]);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  // ——— jobs ———

  private view(j: ImportJobRow): ImportJobView {
    const problems = j.problems ? (JSON.parse(j.problems) as { list: FieldIssue[]; count: number }) : null;
    return {
      id: j.id,
      status: j.status as ImportStatus,
      phase: j.phase as ImportPhase,
      format: j.format as ImportFormat,
      fileName: j.file_name,
      bytes: j.bytes,
      rowsRead: j.rows_read,
      rowsTotal: j.rows_total,
      households: j.households,
      members: j.members,
      // Jobs stored before issues carried `text` hold the joined message only.
      problems: (problems?.list ?? []).map((d) => (d.text ? d : { ...d, ...zodText(d.message) })),
      problemCount: problems?.count ?? 0,
      message: j.message ? (JSON.parse(j.message) as LocalizedText) : null,
      createdAt: j.created_at,
      finishedAt: j.finished_at,
    };
  }

  async job(actor: Actor, id: string): Promise<ImportJobView> {
    this.assertWriter(actor);
    const j = await this.repo.job(id);
    if (!j || j.created_by !== actor.userId) throw notFound({ zh: '导入任务', en: 'Import job' });
    return this.view(j);
  }

  async jobs(actor: Actor): Promise<ImportJobView[]> {
    this.assertWriter(actor);
    return (await this.repo.jobsOf(actor.userId)).map((j) => this.view(j));
  }

  /**
   * Stops a running job before it commits, writing nothing, and answers it once it has stopped. A finished job (or
   * one another server process runs) cannot be cancelled here: 409.
   */
  async cancel(actor: Actor, id: string): Promise<ImportJobView> {
    this.assertWriter(actor);
    // Decided before any read: on SQLite the job's own transaction may hold the one connection until it stops.
    const owner = this.owners.get(id);
    if (owner !== undefined && owner === actor.userId) {
      this.cancelled.add(id);
      await this.settle(id);
      return this.job(actor, id);
    }
    const j = await this.job(actor, id);
    // Not started yet by any server: cancelled before it reads a row.
    if (j.status === 'queued') {
      const at = this.now();
      const ended = await this.repo.endUnfinished(
        id,
        {
          status: 'cancelled',
          message: JSON.stringify({ zh: '导入已取消，未写入任何数据', en: 'Import cancelled; nothing was written' }),
          updated_at: at,
          finished_at: at,
        },
        { status: 'queued' },
      );
      if (ended) return this.job(actor, id);
    }
    throw new AppError(
      'CONFLICT',
      j.status === 'running'
        ? {
            zh: '导入正在另一台服务器上运行，不能在此取消',
            en: 'The import runs on another server; it cannot be cancelled here',
          }
        : { zh: '导入已结束，不能取消', en: 'The import has finished; it cannot be cancelled' },
    );
  }

  /**
   * Waits until a job has ended, on whichever server it runs: its promise when this process runs it, else its row,
   * read every 250 ms (or at once when this process begins it). Gives up after `maxMs`.
   */
  async settle(id: string, maxMs = Number.POSITIVE_INFINITY): Promise<void> {
    const end = Date.now() + maxMs;
    for (;;) {
      const here = this.running.get(id);
      if (here) await here;
      const j = await this.repo.job(id);
      if (!j || FINISHED.has(j.status) || Date.now() > end) return;
      const ac = new AbortController();
      await Promise.race([
        once(this.local, `started:${id}`, { signal: ac.signal }).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 250).unref()),
      ]);
      ac.abort();
    }
  }

  /**
   * Starts the import of a checked upload. Small files are imported before answering; larger ones answer with the
   * running job. Either way the answer is the job as it stands.
   */
  async start(
    actor: Actor,
    file: { format: ImportFormat; bytes: Buffer; fileName: string },
    opts: { inline?: boolean; onSettled?: () => void } = {},
  ): Promise<ImportJobView> {
    this.assertWriter(actor);
    const id = crypto.randomUUID();
    const at = this.now();
    await this.repo.insertJob(
      {
        id,
        status: 'queued',
        format: file.format,
        file_name: file.fileName.slice(0, 200),
        bytes: file.bytes.length,
        phase: 'reading',
        rows_read: 0,
        rows_total: null,
        households: 0,
        members: 0,
        problems: null,
        message: null,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        finished_at: null,
        runner: null,
      },
      this.crypto().encrypt(file.bytes.toString('base64'), FILE_CONTEXT),
    );
    try {
      await this.queue.send<ImportJobData>(IMPORT_QUEUE, { importId: id, actor });
    } catch (e) {
      await this.repo.endUnfinished(id, {
        status: 'failed',
        message: JSON.stringify({
          zh: '导入任务未能排队，未写入任何数据，请稍后重新上传',
          en: `The import could not be queued; nothing was written — upload the file again later (${e instanceof Error ? e.message : String(e)})`,
        }),
        updated_at: this.now(),
        finished_at: this.now(),
      });
      throw e;
    }
    const settled = this.settle(id);
    if (opts.onSettled) void settled.finally(opts.onSettled);
    if (opts.inline ?? file.bytes.length <= INLINE_IMPORT_BYTES) await this.settle(id, INLINE_WAIT_MS);
    return this.view((await this.repo.job(id)) as ImportJobRow);
  }

  /** One try of a queued import, on whichever server took it. */
  private async work(data: ImportJobData, attempt: number, signal?: AbortSignal): Promise<void> {
    const { importId: id, actor } = data;
    const j = await this.repo.job(id);
    if (!j || FINISHED.has(j.status)) {
      await this.repo.deleteFile(id);
      return;
    }
    const sealed = await this.repo.file(id);
    if (sealed === undefined) {
      await this.interrupted(id, 'the uploaded file is gone');
      return;
    }
    const runner = `${RUNNER}/${attempt}`;
    const claimed = await this.repo.claim(id, {
      runner,
      phase: 'reading',
      rows_read: 0,
      rows_total: null,
      households: 0,
      members: 0,
      problems: null,
      message:
        attempt > 0
          ? JSON.stringify({
              zh: '上次运行此导入的服务器已停止（未写入任何数据），正在重新导入',
              en: 'The server running this import stopped (nothing was written); importing again',
            })
          : null,
      updated_at: this.now(),
    });
    if (!claimed) return;
    const bytes = Buffer.from(this.crypto().decrypt(sealed, FILE_CONTEXT), 'base64');
    this.owners.set(id, actor.userId);
    this.tries.set(id, runner);
    const lost = () => this.superseded.add(id);
    signal?.addEventListener('abort', lost);
    const run = this.run(actor, id, { format: j.format as ImportFormat, bytes, fileName: j.file_name }).finally(() => {
      signal?.removeEventListener('abort', lost);
      this.running.delete(id);
      this.owners.delete(id);
      this.cancelled.delete(id);
      this.tries.delete(id);
      this.superseded.delete(id);
    });
    this.running.set(id, run);
    this.local.emit(`started:${id}`);
    await run;
  }

  /** After the queue's last try (its server died each time): failed, saying so; nothing of it was written. */
  private async interrupted(id: string, reason: string): Promise<void> {
    const at = this.now();
    await this.repo.endUnfinished(id, {
      status: 'failed',
      message: JSON.stringify({
        zh: '运行导入的服务器中途停止，重试后仍未完成；未写入任何数据，请重新上传',
        en: `The server running the import stopped, and so did the retry; nothing was written — upload the file again (${reason})`,
      }),
      updated_at: at,
      finished_at: at,
    });
  }

  private async run(actor: Actor, id: string, file: { format: ImportFormat; bytes: Buffer; fileName: string }) {
    const finish = async (status: ImportStatus, values: Partial<ImportJobRow>) => {
      const at = this.now();
      await this.repo.endUnfinished(
        id,
        { status, updated_at: at, finished_at: at, ...values },
        { runner: this.try(id) },
      );
    };
    try {
      // Marked done in the import's own transaction (a retry after a crash past the commit finds it done).
      await this.importFile(actor, id, file);
    } catch (e) {
      if (e instanceof Superseded) {
        // Another server has the job now: nothing of this try was committed, and it says nothing.
      } else if (e instanceof Cancelled) {
        await finish('cancelled', {
          message: JSON.stringify({ zh: '导入已取消，未写入任何数据', en: 'Import cancelled; nothing was written' }),
        });
      } else if (e instanceof AppError) {
        const details = e.details ?? [];
        const count = (e as AppError & { problemCount?: number }).problemCount ?? details.length;
        await finish('failed', {
          problems: JSON.stringify({ list: details.slice(0, MAX_PROBLEMS), count }),
          message: JSON.stringify({ zh: e.message, en: e.messageEn }),
        });
      } else {
        await finish('failed', {
          message: JSON.stringify({
            zh: '导入失败，未写入任何数据',
            en: `The import failed; nothing was written (${e instanceof Error ? e.message : String(e)})`,
          }),
        });
      }
    }
  }

  private checkCancelled(id: string): void {
    if (this.superseded.has(id)) throw new Superseded();
    if (this.cancelled.has(id)) throw new Cancelled();
  }

  private try(id: string): string {
    const t = this.tries.get(id);
    if (t === undefined) throw new Error(`import ${id} has no try in this process`);
    return t;
  }

  private async progress(id: string, values: Partial<ImportJobRow>): Promise<void> {
    if (!(await this.repo.updateTry(id, this.try(id), { ...values, updated_at: this.now() }))) throw new Superseded();
    this.checkCancelled(id);
  }

  /** Reads the file's rows (after the header) into the survey reader, a chunk at a time, with progress. */
  private async read(
    id: string,
    file: { format: ImportFormat; bytes: Buffer },
    add: (cells: readonly string[]) => void,
    rowsSoFar: () => number,
  ): Promise<void> {
    const header = (cells: readonly string[]) => {
      const issues: FieldIssue[] = [];
      SURVEY_COLUMNS.forEach((c, i) => {
        const got = (cells[i] ?? '').trim();
        if (got !== c.zh && got !== c.en && got !== c.key) {
          issues.push({
            field: `第 1 行 ${columnLetter(i)} 列 / row 1 column ${columnLetter(i)}`,
            row: 1,
            column: columnLetter(i),
            ...bilingual(`表头应为“${c.zh}”，实为“${got}”`, `the header should be “${c.zh}” (${c.en}), not “${got}”`),
          });
        }
      });
      if (issues.length > 0)
        throw validation(issues, {
          zh: '文件的表头与收入摸底模板不一致，请使用下载的模板',
          en: 'The header row does not match the survey template; use the downloaded template',
        });
    };
    if (file.format === 'csv') {
      let text = decodeText(file.bytes);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') throw validation([{ field: 'file', ...bilingual('文件为空', 'the file is empty') }]);
      let at = { at: 0, row: 0 };
      try {
        for (;;) {
          const part = readCsvPart(text, at, PROGRESS_EVERY, (cells, row) => {
            if (row === 1) header(cells);
            else add(cells);
          });
          at = part;
          if (part.done) break;
          await this.progress(id, { rows_read: rowsSoFar() });
        }
      } catch (e) {
        if (!(e instanceof CsvProblem)) throw e;
        throw validation([
          {
            field: `第 ${e.row} 行 / row ${e.row}`,
            row: e.row,
            ...bilingual(
              '引号未闭合（该行起到文件末尾无法读取）',
              'an unclosed quote: the file cannot be read from this row',
            ),
          },
        ]);
      }
      return;
    }
    const input = Readable.from([file.bytes]);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    let found = false;
    let lastProgress = 0;
    try {
      for await (const ws of reader) {
        const meta = ws as unknown as { name: string };
        if (found || (meta.name !== SHEET && meta.name !== 'Survey')) {
          for await (const _ of ws as unknown as AsyncIterable<ExcelJS.Row>) void _;
          continue;
        }
        found = true;
        let next = 1;
        for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
          // Rows the reader skips are blank: keep the file's numbering.
          for (; next < row.number; next++) if (next > 1) add([]);
          next = row.number + 1;
          const cells: string[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            if (col <= SURVEY_COLUMNS.length + 10) cells[col - 1] = cellText(cell.value).trim();
          });
          for (let c = 0; c < SURVEY_COLUMNS.length; c++) cells[c] ??= '';
          if (row.number === 1) header(cells);
          else add(cells);
          if (rowsSoFar() - lastProgress >= PROGRESS_EVERY) {
            lastProgress = rowsSoFar();
            await this.progress(id, { rows_read: lastProgress });
          }
        }
      }
    } catch (e) {
      if (e instanceof AppError || e instanceof Cancelled) throw e;
      throw validation([
        { field: 'file', ...bilingual('文件已损坏，Excel 内容无法读取', 'the workbook cannot be read') },
      ]);
    } finally {
      input.destroy();
    }
    if (!found)
      throw validation([
        {
          field: 'file',
          ...bilingual(`找不到“${SHEET}”工作表，请使用下载的模板`, `no sheet named “${SHEET}”; use the template`),
        },
      ]);
  }

  private async importFile(
    actor: Actor,
    id: string,
    file: { format: ImportFormat; bytes: Buffer; fileName: string },
  ): Promise<{ households: number; members: number; cases: number }> {
    const org = this.org();
    const byCode = new Map(
      [...org.byId.values()].filter((n) => n.kind === 'village' || n.kind === 'community').map((n) => [n.code, n]),
    );
    const today = this.today();
    const reader = surveyReader({
      firstRow: 2,
      today,
      maxProblems: MAX_PROBLEMS,
      village: (code) => {
        const n = byCode.get(code);
        return n ? { id: n.id, writable: org.within(n.id, actor.entryScope) } : undefined;
      },
    });
    await this.read(
      id,
      file,
      (cells) => reader.add(cells),
      () => reader.rows,
    );
    const survey = reader.finish();
    await this.progress(id, { rows_read: survey.rows, rows_total: survey.rows, phase: 'checking' });
    const refuse = (problems: SurveyProblem[], count: number) => {
      const err = validation(problems.map(issueOf), {
        zh: `文件中有 ${count} 处错误，未导入任何数据`,
        en: `The file has ${count} problem(s); nothing was imported`,
      });
      return Object.assign(err, { problemCount: count });
    };
    if (survey.problemCount > 0) throw refuse(survey.problems, survey.problemCount);
    if (survey.households.length === 0)
      throw validation([{ field: 'file', ...bilingual('文件中没有数据行', 'the file has no data rows') }]);

    // The same person already registered in another household: refused, naming it (through the blind index).
    const fc = this.crypto();
    const indexed = survey.households.flatMap((h) => h.members.map((m) => ({ m, index: fc.blindIndex(m.idNumber) })));
    const found = await this.repo.registered(indexed.map((x) => x.index));
    if (found.length > 0) {
      const byIndex = new Map(found.map((f) => [f.id_index, f]));
      const idColumn = SURVEY_COLUMNS.findIndex((c) => c.key === 'idNumber');
      const problems: SurveyProblem[] = [];
      for (const x of indexed) {
        const f = byIndex.get(x.index);
        if (!f) continue;
        const village = org.get(f.village_id)?.name ?? '';
        problems.push({
          row: x.m.row,
          column: columnLetter(idColumn),
          header: '身份证号',
          message: {
            zh: `身份证号码 ${MASKS.idNumber(x.m.idNumber)} 已登记在${village}户 ${f.household_code}，同一人不能登记在两个家庭`,
            en: `ID number ${MASKS.idNumber(x.m.idNumber)} is already registered in household ${f.household_code} (${village}); one person cannot be in two households`,
          },
        });
      }
      throw refuse(problems.slice(0, MAX_PROBLEMS), problems.length);
    }
    this.checkCancelled(id);
    await this.progress(id, { phase: 'writing' });

    const rows = this.rowsOf(actor, survey.households, await this.codes(survey.households), file.fileName, indexed);
    const changes: FlagChange[] = [];
    for (const h of rows.households) {
      for (const flag of AUTO_OPEN_FLAGS) {
        const after = (flag === 'below10k' ? h.flag_below10k : h.flag_zero_employment) as 0 | 1 | 2;
        if (after > 0)
          changes.push({
            householdId: h.id,
            villageId: h.village_id,
            flag,
            before: 0,
            after,
            because: `收入摸底导入（${file.fileName.slice(0, 60)}）`,
          });
      }
    }
    this.checkCancelled(id);
    let cases = 0;
    await this.repo.write(rows, async (q) => {
      this.checkCancelled(id);
      cases = await this.flagged(q, changes);
      // The last moment a cancellation is honoured: the transaction then rolls back.
      this.checkCancelled(id);
      const households = rows.households.length;
      const members = rows.members.length;
      const at = this.now();
      const mine = await this.repo.updateTry(
        id,
        this.try(id),
        {
          status: 'done',
          phase: 'done',
          households,
          members,
          message: JSON.stringify({
            zh: `已导入 ${households} 户、${members} 人${cases > 0 ? `，系统预警立案 ${cases} 件` : ''}`,
            en: `Imported ${households} households, ${members} people${cases > 0 ? `; ${cases} cases opened by flags` : ''}`,
          }),
          updated_at: at,
          finished_at: at,
        },
        q,
      );
      // The job went to another server meanwhile: this try's households are rolled back.
      if (!mine) throw new Superseded();
      await this.repo.deleteFile(id, q);
    });
    // Who imported, named here: on another server (pg-boss) the job runs outside the request that sent it.
    await this.auditor.record({
      userId: actor.userId,
      username: actor.username,
      ip: actor.ip,
      action: 'household.import',
      objectType: 'household',
      objectId: null,
      detail: {
        job: id,
        format: file.format,
        households: rows.households.length,
        members: rows.members.length,
        casesOpened: cases,
      },
    });
    this.events.emit('households.changed', {});
    if (cases > 0) this.events.emit('households.casesChanged', {});
    return { households: rows.households.length, members: rows.members.length, cases };
  }

  /** The next codes per village (`<village code>-NNNN`), after the last one registered. */
  private async codes(households: readonly SurveyHousehold[]): Promise<Map<string, number>> {
    const org = this.org();
    const prefixes = [...new Set(households.map((h) => org.get(h.villageId)?.code ?? ''))];
    return this.repo.lastCodes(prefixes);
  }

  private rowsOf(
    actor: Actor,
    households: readonly SurveyHousehold[],
    last: Map<string, number>,
    fileName: string,
    indexed: readonly { index: string }[],
  ): ImportRows {
    const org = this.org();
    const today = this.today();
    const at = this.now();
    const reason = `收入摸底导入：${fileName.slice(0, 100)}`;
    const out: ImportRows = { households: [], members: [], incomes: [], history: [] };
    let k = 0;
    let seqNo = 0;
    for (const h of households) {
      const node = org.get(h.villageId);
      const lineage = org.lineage(h.villageId);
      const prefix = node?.code ?? '';
      const next = (last.get(prefix) ?? 0) + 1;
      last.set(prefix, next);
      const id = crypto.randomUUID();
      const members: HouseholdMemberTable[] = h.members.map((m, i) => {
        // The ID number's blind index was made for the registry check: not made again.
        const idIndex = (indexed[k++] as { index: string }).index;
        const sealed = this.personal.seal(
          HOUSEHOLD_MEMBER_PERSONAL,
          { name: m.name, idNumber: m.idNumber, phone: m.phone },
          { idNumber: idIndex },
        );
        return {
          id: crypto.randomUUID(),
          household_id: id,
          seq: i + 1,
          name: sealed.name as string,
          name_index: sealed.name_index as string,
          id_number: sealed.id_number as string,
          id_index: idIndex,
          id_tail: idTail(m.idNumber),
          phone: sealed.phone ?? null,
          phone_index: sealed.phone_index ?? null,
          relation: m.relation,
          sex: m.sex,
          birth_date: m.birthDate,
          in_school: m.inSchool ? 1 : 0,
          retired: m.retired ? 1 : 0,
          disability_grade: m.disabilityGrade,
          seriously_ill: m.seriouslyIll ? 1 : 0,
          able_to_work: m.ableToWork ? 1 : 0,
          willing_to_work: m.willingToWork ? 1 : 0,
          employed: m.employed ? 1 : 0,
          employed_since: m.employedSince,
          employer: m.employer,
          removed_at: null,
          removed_reason: null,
        };
      });
      const inc = h.income;
      const figure = inc
        ? inc.kind === 'exact'
          ? { kind: 'exact' as const, total: inc.total ?? 0 }
          : { kind: 'bracket' as const, low: inc.bracketLow ?? 0, high: inc.bracketHigh }
        : null;
      const a = assessHousehold(
        h.members.map((m) => ({
          label: RELATION_NAMES[m.relation].zh,
          sex: m.sex,
          birthDate: m.birthDate,
          inSchool: m.inSchool,
          retired: m.retired,
          disabilityGrade: m.disabilityGrade,
          seriouslyIll: m.seriouslyIll,
          ableToWork: m.ableToWork,
          willingToWork: m.willingToWork,
          employed: m.employed,
        })),
        figure,
        today,
        this.rule,
      );
      const head = members.find((m) => m.relation === 'head') ?? members[0];
      const exact = inc?.kind === 'exact';
      const household: HouseholdTable = {
        id,
        code: `${prefix}-${String(next).padStart(4, '0')}`,
        village_id: h.villageId,
        township_id: lineage[lineage.length - 3] as string,
        district_id: lineage[lineage.length - 2] as string,
        urban: node?.kind === 'community' || node?.urban === true ? 1 : 0,
        address: h.address,
        head_name: head?.name ?? '',
        head_name_index: head?.name_index ?? '',
        status: 'active',
        size: members.length,
        income_year: inc?.year ?? null,
        income_low: inc ? (exact ? inc.total : inc.bracketLow) : null,
        income_high: inc ? (exact ? inc.total : inc.bracketHigh) : null,
        income_exact: exact ? 1 : 0,
        class_bits: a.classBits,
        flag_below10k: flagCode(a.flags.below10k.state),
        flag_zero_employment: flagCode(a.flags.zeroEmployment.state),
        flag_no_labour: flagCode(a.flags.noLabour.state),
        flag_near_line: flagCode(a.flags.nearLine.state),
        assessed_on: today,
        generated: 0,
        note: '',
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
        updated_by: actor.userId,
        version: 1,
      };
      out.households.push(household);
      out.members.push(...members);
      if (inc) {
        out.incomes.push({
          id: crypto.randomUUID(),
          household_id: id,
          year: inc.year,
          kind: inc.kind,
          total: inc.total,
          wages: inc.wages,
          business: inc.business,
          property: inc.property,
          transfers: inc.transfers,
          bracket_low: inc.bracketLow,
          bracket_high: inc.bracketHigh,
          source: inc.source,
          source_detail: fileName.slice(0, 100),
          recorded_on: inc.recordedOn,
          recorded_by: actor.userId,
          created_at: at,
        });
      }
      out.history.push({
        id: `${at}-${String(seqNo++).padStart(7, '0')}-${id.slice(0, 8)}`,
        household_id: id,
        member_id: null,
        action: 'import',
        field: null,
        old_value: null,
        new_value: `${members.length} 人${inc ? `，${inc.year} 年收入` : ''}`,
        reason,
        user_id: actor.userId,
        at,
      });
    }
    return out;
  }
}

/** UTF-8 (with or without BOM), or GB18030 — what Excel on a Chinese Windows saves as "CSV". */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
