import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanFileName } from './list.files.ts';

const MB = 1024 * 1024;

describe('attachment checks', () => {
  it('accepts office, image and PDF files whose bytes match their names', () => {
    expect(checkAttachment('验收报告.pdf', Buffer.from('%PDF-1.7'), MB)).toEqual({
      ok: true,
      contentType: 'application/pdf',
      fileName: '验收报告.pdf',
    });
    expect(checkAttachment('现场.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), MB)).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
    expect(checkAttachment('台账.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]), MB)).toMatchObject({ ok: true });
    expect(checkAttachment('说明.txt', Buffer.from('进度说明'), MB)).toMatchObject({
      ok: true,
      contentType: 'text/plain; charset=utf-8',
    });
  });

  it('refuses other types, executables, HTML-like content, mismatched bytes, empty and oversized files', () => {
    const refused = (name: string, data: Buffer, max = MB) => checkAttachment(name, data, max).ok;
    expect(refused('a.html', Buffer.from('<p>'))).toBe(false);
    expect(refused('a.svg', Buffer.from('<svg/>'))).toBe(false);
    expect(refused('a.exe', Buffer.from('MZ'))).toBe(false);
    expect(refused('a', Buffer.from('%PDF'))).toBe(false);
    expect(refused('a.pdf', Buffer.from('MZ\x90'))).toBe(false);
    expect(refused('a.png', Buffer.from('%PDF'))).toBe(false);
    expect(refused('a.csv', Buffer.from('x,y\n<script>1</script>'))).toBe(false);
    expect(refused('a.pdf', Buffer.alloc(0))).toBe(false);
    expect(refused('a.pdf', Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(20)]), 10)).toBe(false);
  });

  it('keeps names safe for storage', () => {
    expect(cleanFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(cleanFileName('C:\\tmp\\a"b.pdf')).toBe('ab.pdf');
  });
});
