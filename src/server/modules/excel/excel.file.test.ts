import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { inspectUpload, MAX_UNPACKED_BYTES } from './excel.file.ts';

/** A minimal zip writer (deflate), enough to build packages the inspector must refuse. */
function zip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = zlib.deflateRawSync(content);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    // Declared sizes are whatever the archive says; a bomb lies here, so the inspector must not trust them.
    local.writeUInt32LE(Math.min(content.length, 1000), 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(Math.min(content.length, 1000), 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    central.push(c, n);
    offset += local.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function refusal(buf: Buffer): string {
  try {
    inspectUpload(buf);
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.message}`;
    throw e;
  }
  return 'accepted';
}

const xml = Buffer.from('<?xml version="1.0"?><x/>');

describe('inspectUpload', () => {
  it('accepts a well-formed .xlsx package', () => {
    expect(refusal(zip({ '[Content_Types].xml': xml, 'xl/workbook.xml': xml }))).toBe('accepted');
  });

  it('refuses a zip bomb by what it unpacks to, whatever sizes it declares', () => {
    const bomb = zip({
      '[Content_Types].xml': xml,
      'xl/workbook.xml': xml,
      'xl/worksheets/sheet1.xml': Buffer.alloc(MAX_UNPACKED_BYTES + 1024),
    });
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(bomb)).toMatch(/^400 .*解压后超过/);
  });

  it('names the kind of file that is not an .xlsx', () => {
    expect(refusal(zip({ '[Content_Types].xml': xml, 'word/document.xml': xml }))).toContain('Word');
    expect(refusal(zip({ '[Content_Types].xml': xml, 'xl/workbook.bin': xml }))).toContain('.xlsb');
    expect(refusal(zip({ 'readme.txt': xml }))).toContain('不是 Excel 工作簿');
    expect(refusal(Buffer.from('a,b\n1,2\n'))).toContain('文本文件');
    expect(refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toContain('.xls');
    expect(refusal(Buffer.alloc(0))).toContain('文件为空');
    expect(refusal(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]))).toContain('损坏');
  });
});
