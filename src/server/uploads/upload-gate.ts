/**
 * The one gate every import passes (values, lists, and the household and project imports to come): a cap on
 * concurrent imports per user and in all, the upload size, the file type, the archive checks (zip bomb), and rows read
 * as a stream up to a limit. Memory stays bounded whatever arrives: the packed bytes by the upload limit, the unpacked
 * ones by the archive checks, the rows kept by rows × columns.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { bilingual, AppError, RateLimitedError } from '../errors.ts';
import { ArchiveProblem, inspectArchive, looksLikeZip, type ArchiveLimits } from './zip-archive.ts';
import { readSheets, RowLimitExceeded, UnreadableWorkbook, type RowLimits, type SheetRows } from './xlsx-rows.ts';

export interface UploadLimits extends ArchiveLimits {
  /** Packed size of one upload; the multipart parser stops reading past it. */
  maxBytes: number;
  /** Imports one user may have running at once, and the server in all. */
  perUser: number;
  total: number;
}

export function uploadLimitsOf(config: Config): UploadLimits {
  return {
    maxBytes: config.uploadLimit,
    maxUnpackedBytes: config.imports.maxUnpackedBytes,
    maxRatio: config.imports.maxRatio,
    maxEntries: 5_000,
    maxPartBytes: {
      'xl/sharedStrings.xml': {
        bytes: Math.floor(config.imports.maxUnpackedBytes / 4),
        zh: '其中的文字内容（共享字符串表）',
        en: 'shared-strings table',
      },
    },
    perUser: config.imports.perUser,
    total: config.imports.total,
  };
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function fileProblem(zh: string, en: string, code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE' = 'VALIDATION'): AppError {
  return new AppError(code, { zh: `上传的文件无法导入：${zh}`, en: `The uploaded file cannot be imported: ${en}` }, [
    { field: 'file', ...bilingual(`${zh}`, `${en}`) },
  ]);
}

const notXlsx = () =>
  fileProblem(
    '不是 Excel 工作簿（.xlsx）文件，请上传从本系统下载并填写的模板',
    'not an Excel workbook (.xlsx); upload the template downloaded from Gongfu',
  );

const noFile = () =>
  new AppError('VALIDATION', { zh: '请选择要上传的 Excel 文件', en: 'Choose an Excel file to upload' }, [
    {
      field: 'file',
      ...bilingual(
        '请以 multipart/form-data 上传，文件字段名为 file',
        'upload as multipart/form-data in the field “file”',
      ),
    },
  ]);

function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The type checks of an .xlsx upload, naming what it is when it is not one. */
function sniffXlsx(buf: Buffer): void {
  if (buf.length === 0) throw fileProblem('文件为空', 'the file is empty');
  if (buf.subarray(0, 8).equals(OLE2_MAGIC)) {
    throw fileProblem(
      '这是旧版 Excel 97-2003（.xls）文件或加密的工作簿，请在 Excel 中“另存为 .xlsx”并取消密码后再上传',
      'an Excel 97-2003 (.xls) file or an encrypted workbook; save it as .xlsx without a password',
    );
  }
  if (!looksLikeZip(buf)) {
    const head = buf.subarray(0, 512).toString('utf8');
    // eslint-disable-next-line no-control-regex -- text files have no control characters besides tab and newlines
    if (!/[\u0000-\u0008\u000e-\u001a]/.test(head)) {
      throw fileProblem(
        '这是文本文件（例如 CSV），不是 Excel 工作簿，请使用下载的 .xlsx 模板',
        'a text file (such as CSV), not an Excel workbook; use the .xlsx template',
      );
    }
    throw notXlsx();
  }
}

function checkParts(names: Set<string>): void {
  if (names.has('xl/workbook.bin'))
    throw fileProblem(
      '这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx',
      'an Excel binary workbook (.xlsb); save it as .xlsx',
    );
  if (names.has('word/document.xml'))
    throw fileProblem('这是 Word 文档，不是 Excel 工作簿', 'a Word document, not an Excel workbook');
  if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml')) throw notXlsx();
}

/**
 * An .xlsx upload that passed the type and archive checks. Its rows are read on demand, as a stream, up to the
 * importer's limit.
 */
export class XlsxUpload {
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  /**
   * Every sheet's non-empty rows. More than `maxRows` in a sheet is refused with 413 naming the sheet and the row
   * where reading stopped; a cell beyond `maxColumns` with 400 naming its row and column.
   */
  async sheets(limits: RowLimits): Promise<SheetRows[]> {
    try {
      return await readSheets(this.bytes, limits);
    } catch (e) {
      if (e instanceof RowLimitExceeded) {
        if (e.column !== null) {
          const where = `${letter(e.column)}${e.row}`;
          throw new AppError(
            'VALIDATION',
            {
              zh: `上传的文件无法导入：“${e.sheet}”工作表第 ${e.row} 行 ${letter(e.column)} 列超出模板范围（最多 ${limits.maxColumns} 列）`,
              en: `The uploaded file cannot be imported: cell ${where} of sheet “${e.sheet}” is beyond the last column allowed (${limits.maxColumns})`,
            },
            [
              {
                field: 'file',
                sheet: e.sheet,
                row: e.row,
                column: letter(e.column),
                ...bilingual(`超出模板范围`, `beyond the last column allowed`),
              },
            ],
          );
        }
        const rows = limits.maxRows - 1;
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          {
            zh: `“${e.sheet}”工作表超过单次导入 ${rows} 行数据的上限（读到第 ${e.row} 行即停止），请分批导入`,
            en: `Sheet “${e.sheet}” has more than ${rows} data rows, the limit per import (reading stopped at row ${e.row}); split the file`,
          },
          [{ field: 'file', sheet: e.sheet, row: e.row, ...bilingual(`超过 ${rows} 行`, `more than ${rows} rows`) }],
        );
      }
      if (e instanceof UnreadableWorkbook)
        throw fileProblem('文件已损坏，Excel 内容无法读取', 'damaged; the workbook content cannot be read');
      throw e;
    }
  }
}

/** The imports running now, per user and in all. */
class Slots {
  private readonly byUser = new Map<string, number>();
  private running = 0;
  private readonly limits: UploadLimits;
  constructor(limits: UploadLimits) {
    this.limits = limits;
  }

  acquire(userId: string): () => void {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.limits.perUser) {
      throw new RateLimitedError(5, {
        zh: `您已有 ${mine} 个导入正在进行，请等待其完成后再上传`,
        en: `You already have ${mine} import(s) running; wait for ${mine === 1 ? 'it' : 'them'} to finish before uploading again`,
      });
    }
    if (this.running >= this.limits.total) {
      throw new RateLimitedError(10, {
        zh: '系统正在处理其他导入，请稍后再试',
        en: 'The server is busy with other imports; try again shortly',
      });
    }
    this.byUser.set(userId, mine + 1);
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }
}

/** A survey upload that passed the gate: CSV (text) or XLSX (a checked workbook), told apart by content. */
export interface TableUpload {
  format: 'csv' | 'xlsx';
  bytes: Buffer;
  /** The client's file name without any path, to show the job to its owner (never used as a path). */
  fileName: string;
}

export class UploadGate {
  readonly limits: UploadLimits;
  private readonly slots: Slots;
  constructor(limits: UploadLimits) {
    this.limits = limits;
    this.slots = new Slots(limits);
  }

  private static readonly byConfig = new WeakMap<Config, UploadGate>();
  /** The gate of a server: one per configuration, so that every import route shares its slots. */
  static of(config: Config): UploadGate {
    let gate = UploadGate.byConfig.get(config);
    if (!gate) {
      gate = new UploadGate(uploadLimitsOf(config));
      UploadGate.byConfig.set(config, gate);
    }
    return gate;
  }

  /** One import slot for the user (429 when they, or the server, already run as many as allowed); call the answer to free it. */
  acquire(userId: string): () => void {
    return this.slots.acquire(userId);
  }

  /**
   * A survey upload (multipart field `file`), CSV or XLSX by its content, not its name: a workbook passes the
   * archive checks of `inspectXlsx`; a text file must be text (no control characters). The display name is kept
   * without any path, only to show the job to its owner.
   */
  async readTable(request: FastifyRequest): Promise<TableUpload> {
    if (!request.isMultipart()) throw noFile();
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw noFile();
    }
    const bytes = await part.toBuffer();
    const fileName =
      (part.filename ?? '')
        .split(/[\\/]/)
        .pop()
        ?.replace(/\p{Cc}/gu, '')
        .slice(0, 100) || 'upload';
    return this.inspectTable(bytes, fileName);
  }

  /** The checks of {@link readTable} on bytes already received (the CLI, tests, the bench). */
  async inspectTable(bytes: Buffer, fileName: string): Promise<TableUpload> {
    if (bytes.length > this.limits.maxBytes) {
      const mb = Math.round(this.limits.maxBytes / 1024 / 1024);
      throw fileProblem(`超过 ${mb} MB 的上传上限`, `larger than the upload limit of ${mb} MB`, 'PAYLOAD_TOO_LARGE');
    }
    if (bytes.length === 0) throw fileProblem('文件为空', 'the file is empty');
    if (looksLikeZip(bytes) || bytes.subarray(0, 8).equals(OLE2_MAGIC)) {
      const x = await this.inspectXlsx(bytes);
      return { format: 'xlsx', bytes: x.bytes, fileName };
    }
    // eslint-disable-next-line no-control-regex -- text files have no control characters besides tab and newlines
    if (/[\u0000-\u0008\u000e-\u001a]/.test(bytes.subarray(0, 4096).toString('latin1'))) {
      throw fileProblem(
        '既不是 CSV 文本文件，也不是 Excel 工作簿（.xlsx）',
        'neither a CSV text file nor an Excel workbook (.xlsx)',
      );
    }
    return { format: 'csv', bytes, fileName };
  }

  /** Type and archive checks of bytes already received (the CLI, tests); the HTTP path is `receiveXlsx`. */
  async inspectXlsx(bytes: Buffer): Promise<XlsxUpload> {
    if (bytes.length > this.limits.maxBytes) {
      const mb = Math.round(this.limits.maxBytes / 1024 / 1024);
      throw fileProblem(`超过 ${mb} MB 的上传上限`, `larger than the upload limit of ${mb} MB`, 'PAYLOAD_TOO_LARGE');
    }
    sniffXlsx(bytes);
    try {
      const entries = await inspectArchive(bytes, this.limits);
      checkParts(new Set(entries.map((e) => e.name)));
    } catch (e) {
      if (e instanceof ArchiveProblem) throw fileProblem(e.zh, e.en);
      throw e;
    }
    return new XlsxUpload(bytes);
  }

  /**
   * Runs one import of an .xlsx upload (multipart field `file`): a slot for the user first (429 when they, or the
   * server, already run as many as allowed), then the file received and checked, then `work`, the slot freed after.
   */
  async receiveXlsx<T>(request: FastifyRequest, userId: string, work: (file: XlsxUpload) => Promise<T>): Promise<T> {
    const release = this.slots.acquire(userId);
    try {
      if (!request.isMultipart()) throw noFile();
      const part = await request.file();
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw noFile();
      }
      // The client-side name is dropped: never a path, never trusted.
      const upload = await this.inspectXlsx(await part.toBuffer());
      return await work(upload);
    } finally {
      release();
    }
  }
}
