/**
 * Turning uploaded bytes into a workbook, refusing what is not an .xlsx with a message that names the problem
 * (an old .xls, a CSV renamed, a Word file, an encrypted workbook, a zip bomb) before ExcelJS ever sees it.
 */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import type { RawCell, RawRow } from './excel.parse.ts';

/**
 * Ceiling on the unpacked size of an upload. A 5,000-row template unpacks to under 2 MB and a 20,000-row one (the row
 * limit) to under 10 MB even as Excel writes it; the upload limit bounds only the packed size, and deflate reaches
 * ratios above 1000:1, so the unpacked size — which is what ExcelJS holds in memory — is bounded separately.
 */
export const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
const MAX_ENTRIES = 5_000;
/** Rows beyond this are refused before they are parsed; the 5,000-row import the city needs fits four times over. */
export const MAX_ROWS = 20_000;

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function fileProblem(zh: string, en: string): AppError {
  return new AppError(
    'VALIDATION',
    { zh: `上传的文件无法导入：${zh}`, en: `The uploaded file cannot be imported: ${en}` },
    [{ field: 'file', message: `${zh} / ${en}` }],
  );
}

const notXlsx = () =>
  fileProblem(
    '不是 Excel 工作簿（.xlsx）文件，请上传从本系统下载并填写的模板',
    'not an Excel workbook (.xlsx); upload the template downloaded from Gongfu',
  );

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

/** Reads the zip central directory; null when the bytes are not a (non-zip64) zip archive. */
function centralDirectory(buf: Buffer): ZipEntry[] | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || offset >= buf.length) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * Checks that the bytes are an .xlsx package and that unpacking it stays under `MAX_UNPACKED_BYTES`. Each entry is
 * inflated with a hard output cap rather than trusting the sizes the archive declares, which a zip bomb falsifies.
 */
export function inspectUpload(buf: Buffer): void {
  if (buf.length === 0) throw fileProblem('文件为空', 'the file is empty');
  if (buf.subarray(0, 8).equals(OLE2_MAGIC)) {
    throw fileProblem(
      '这是旧版 Excel 97-2003（.xls）文件或加密的工作簿，请在 Excel 中“另存为 .xlsx”并取消密码后再上传',
      'an Excel 97-2003 (.xls) file or an encrypted workbook; save it as .xlsx without a password',
    );
  }
  if (buf.readUInt32LE(0) !== 0x04034b50) {
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
  const entries = centralDirectory(buf);
  if (!entries) throw fileProblem('文件已损坏或不完整（压缩结构无效）', 'damaged or truncated (invalid zip structure)');
  if (entries.length > MAX_ENTRIES)
    throw fileProblem('文件结构异常（包含的部件过多）', 'too many parts in the package');
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.bin'))
    throw fileProblem(
      '这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx',
      'an Excel binary workbook (.xlsb); save it as .xlsx',
    );
  if (names.has('word/document.xml'))
    throw fileProblem('这是 Word 文档，不是 Excel 工作簿', 'a Word document, not an Excel workbook');
  if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml')) throw notXlsx();

  let budget = MAX_UNPACKED_BYTES;
  for (const e of entries) {
    if (e.flags & 0x1)
      throw fileProblem('工作簿已加密，请取消密码后再上传', 'the workbook is encrypted; remove the password');
    if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50) {
      throw fileProblem('文件已损坏或不完整', 'damaged or truncated');
    }
    const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) {
      size = data.length;
    } else if (e.method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw fileProblem(
            `解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，疑似异常文件`,
            `unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`,
          );
        }
        throw fileProblem('文件已损坏或不完整（解压失败）', 'damaged or truncated (cannot unpack)');
      }
    } else {
      throw fileProblem('文件使用了不支持的压缩方式', 'unsupported compression method');
    }
    budget -= size;
    if (budget < 0) {
      throw fileProblem(
        `解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，疑似异常文件`,
        `unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`,
      );
    }
  }
}

/** Inspects and loads an uploaded workbook. */
export async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  inspectUpload(buf);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS types its input as its own ArrayBuffer-like `Buffer`; at run time it takes a Node Buffer as it is.
    await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw fileProblem('文件已损坏，Excel 内容无法读取', 'damaged; the workbook content cannot be read');
  }
  return wb;
}

/** The non-empty rows of a worksheet as plain data for the parser. */
export function rawRows(ws: ExcelJS.Worksheet): RawRow[] {
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (RawCell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = { value: cell.value, numFmt: cell.numFmt };
    });
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The workbook as bytes for a response. */
export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
