import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { UploadGate, type UploadLimits, type XlsxUpload } from './upload-gate.ts';
import { bomb, manyRows, manyStrings, part, wideRows, workbookOf, zipOf } from '../../../test/security/hostile-xlsx.ts';

const LIMITS: UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxUnpackedBytes: 40 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 5_000,
  maxPartBytes: { 'xl/sharedStrings.xml': { bytes: 10 * 1024 * 1024, zh: '文字内容', en: 'shared strings' } },
  perUser: 2,
  total: 3,
};

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.message} | ${e.messageEn}`;
    throw e;
  }
  return 'accepted';
}

const xml = '<?xml version="1.0"?><x/>';
const minimal = (extra: Record<string, string> = {}) =>
  zipOf(Object.entries({ '[Content_Types].xml': xml, 'xl/workbook.xml': xml, ...extra }).map(([n, c]) => part(n, c)));

async function template(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('填报表');
  ws.addRow(['指标编码', '期别', '本期值']);
  for (let i = 0; i < rows; i++) ws.addRow(['D1-01', '2024-10', i + 0.5]);
  ws.getCell('C2').numFmt = '0.0%';
  wb.addWorksheet('_meta', { state: 'hidden' }).addRow(['frameworkId', 'fw-2024']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the upload gate: file type and archive checks', () => {
  const gate = new UploadGate(LIMITS);

  it('accepts a workbook as Excel writes it and reads its sheets, hidden state and number formats', async () => {
    const upload = await gate.inspectXlsx(await template(3));
    const sheets = await upload.sheets({ maxRows: 10, maxColumns: 64 });
    expect(sheets.map((s) => [s.name, s.state, s.rows.length])).toEqual([
      ['填报表', 'visible', 4],
      ['_meta', 'hidden', 1],
    ]);
    expect(sheets[0]?.rows[1]).toEqual({
      row: 2,
      cells: [{ value: 'D1-01' }, { value: '2024-10' }, { value: 0.5, numFmt: '0.0%' }],
    });
  });

  it('refuses a zip bomb that declares small sizes, by what it unpacks to', async () => {
    expect(await refusal(gate.inspectXlsx(bomb(50 * 1024 * 1024, 1000)))).toMatch(/^400 .*解压后超过 40 MB/);
  });

  it('refuses a zip bomb that declares its sizes from the directory alone, before inflating anything', async () => {
    const honest = bomb(50 * 1024 * 1024, 50 * 1024 * 1024);
    expect(await refusal(gate.inspectXlsx(honest))).toMatch(/^400 .*压缩比超过 200:1.*\| .*compression ratio/);
    // The same directory over data that is not deflate at all: refused for its ratio, so nothing was inflated.
    const garbage = workbookOf('填报表', {
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.alloc(1000, 0xff),
      declaredSize: 10_000_000,
    });
    expect(await refusal(gate.inspectXlsx(garbage))).toMatch(/压缩比超过/);
  });

  it('refuses a package whose declared total is above the ceiling, before inflating anything', async () => {
    const small = new UploadGate({ ...LIMITS, maxUnpackedBytes: 1024 * 1024 });
    const parts = [0, 1, 2].map((i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: Buffer.alloc(10_000, 0xff),
      declaredSize: 400_000,
    }));
    const pkg = zipOf([part('[Content_Types].xml', xml), part('xl/workbook.xml', xml), ...parts]);
    expect(await refusal(small.inspectXlsx(pkg))).toMatch(/^400 .*解压后超过 1 MB/);
  });

  it('refuses a shared-strings table above its own cap, and parts hidden outside the directory', async () => {
    expect(await refusal(gate.inspectXlsx(manyStrings(600_000)))).toMatch(/文字内容解压后超过 10 MB/);
    const ok = minimal();
    // A local entry smuggled in front of the directory, where a streaming unzipper would find it.
    const dirAt = ok.readUInt32LE(ok.length - 6);
    const hidden = part('xl/sharedStrings.xml', 'x'.repeat(1000));
    const local = zipOf([hidden]).subarray(0, 30 + hidden.name.length + hidden.data.length);
    const smuggled = Buffer.concat([ok.subarray(0, dirAt), local, ok.subarray(dirAt)]);
    smuggled.writeUInt32LE(dirAt + local.length, smuggled.length - 6);
    expect(await refusal(gate.inspectXlsx(smuggled))).toMatch(/^400 .*损坏/);
    expect(await refusal(gate.inspectXlsx(ok))).toBe('accepted');
  });

  it('names the kind of file that is not an .xlsx', async () => {
    const why = (b: Buffer) => refusal(gate.inspectXlsx(b));
    expect(await why(minimal({ 'word/document.xml': xml }))).toContain('Word');
    expect(await why(minimal({ 'xl/workbook.bin': xml }))).toContain('.xlsb');
    expect(await why(zipOf([part('readme.txt', xml)]))).toContain('不是 Excel 工作簿');
    expect(await why(Buffer.from('a,b\n1,2\n'))).toContain('文本文件');
    expect(await why(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toContain('.xls');
    expect(await why(Buffer.alloc(0))).toContain('文件为空');
    expect(await why(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]))).toContain('损坏');
    const tiny = new UploadGate({ ...LIMITS, maxBytes: 1024 });
    expect(await refusal(tiny.inspectXlsx(Buffer.alloc(2048, 1)))).toMatch(/^413 /);
  });
});

describe('the upload gate: rows read as a stream', () => {
  const gate = new UploadGate(LIMITS);

  it('stops at the first row beyond the limit, naming the sheet and the row (413)', async () => {
    const upload = await gate.inspectXlsx(manyRows('填报表', 50_000));
    const why = await refusal(upload.sheets({ maxRows: 1001, maxColumns: 64 }));
    expect(why).toMatch(/^413 “填报表”工作表超过单次导入 1000 行数据的上限（读到第 1002 行即停止）/);
    expect(why).toContain('Sheet “填报表” has more than 1000 data rows');
    expect((await upload.sheets({ maxRows: 50_000, maxColumns: 64 }))[0]?.rows).toHaveLength(50_000);
  });

  it('refuses a cell beyond the last column, naming its row and column', async () => {
    const upload = await gate.inspectXlsx(wideRows(3));
    try {
      await upload.sheets({ maxRows: 100, maxColumns: 64 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.status).toBe(400);
      expect(err.message).toContain('第 1 行 XFD 列');
      expect(err.details).toEqual([expect.objectContaining({ sheet: '填报表', row: 1, column: 'XFD' })]);
    }
  });

  it('says a package that passes the archive checks but is no workbook is damaged', async () => {
    const upload = await gate.inspectXlsx(
      workbookOf(
        '填报表',
        part('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></q></row>'),
      ),
    );
    expect(await refusal(upload.sheets({ maxRows: 10, maxColumns: 64 }))).toMatch(/^400 .*损坏/);
  });
});

describe('the upload gate: concurrent imports', () => {
  /** A multipart request as @fastify/multipart presents it, carrying a valid workbook. */
  const request = (bytes: Buffer) =>
    ({
      isMultipart: () => true,
      file: async () => ({ fieldname: 'file', toBuffer: async () => bytes, file: { resume: () => undefined } }),
    }) as unknown as FastifyRequest;

  it('lets a user run at most `perUser` imports at once and the server `total`, with 429 in both languages', async () => {
    const gate = new UploadGate(LIMITS);
    const bytes = minimal();
    const gates: (() => void)[] = [];
    const hold = (file: XlsxUpload) => new Promise<number>((resolve) => gates.push(() => resolve(file.bytes.length)));
    const a1 = gate.receiveXlsx(request(bytes), 'a', hold);
    const a2 = gate.receiveXlsx(request(bytes), 'a', hold);
    const a3 = await refusal(gate.receiveXlsx(request(bytes), 'a', hold));
    expect(a3).toBe(
      '429 您已有 2 个导入正在进行，请等待其完成后再上传 | You already have 2 import(s) running; wait for them to finish before uploading again',
    );
    const b1 = gate.receiveXlsx(request(bytes), 'b', hold);
    expect(await refusal(gate.receiveXlsx(request(bytes), 'c', hold))).toBe(
      '429 系统正在处理其他导入，请稍后再试 | The server is busy with other imports; try again shortly',
    );
    await new Promise((r) => setTimeout(r, 50));
    for (const open of gates.splice(0)) open();
    expect(await Promise.all([a1, a2, b1])).toEqual([bytes.length, bytes.length, bytes.length]);
    // Slots are given back after success and after failure alike.
    expect(await refusal(gate.receiveXlsx(request(Buffer.from('a,b')), 'a', hold))).toContain('文本文件');
    const again = gate.receiveXlsx(request(bytes), 'a', hold);
    const again2 = gate.receiveXlsx(request(bytes), 'a', hold);
    await new Promise((r) => setTimeout(r, 50));
    for (const open of gates.splice(0)) open();
    expect(await Promise.all([again, again2])).toHaveLength(2);
  });
});

it('keeps the deflate helper honest: a part unpacks to what it declares', () => {
  const p = part('a', 'hello');
  expect(zlib.inflateRawSync(p.data).toString()).toBe('hello');
  expect(p.declaredSize).toBe(5);
});
