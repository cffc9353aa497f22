import { describe, expect, it } from 'vitest';
import { attachment } from './download.ts';

/** What a client reading RFC 5987 gets back from `filename*`. */
function decodedName(header: string): string {
  const m = /filename\*=UTF-8''(.+)$/.exec(header);
  if (!m?.[1]) throw new Error(`no filename* in ${header}`);
  return decodeURIComponent(m[1]);
}

describe('attachment (Content-Disposition, RFC 6266 / 5987)', () => {
  it('carries a Chinese name in filename* and an ASCII fallback in filename', () => {
    expect(attachment('验收 报告.pdf')).toBe(
      `attachment; filename="__ __.pdf"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%20%E6%8A%A5%E5%91%8A.pdf`,
    );
    const h = attachment('填报模板_西区_2024-11.xlsx', 'template_xiqu_2024-11.xlsx');
    expect(h.startsWith('attachment; filename="template_xiqu_2024-11.xlsx"; ')).toBe(true);
    expect(decodedName(h)).toBe('填报模板_西区_2024-11.xlsx');
  });

  it("encodes the characters RFC 5987's attr-char leaves out", () => {
    const h = attachment("通报(2024年10月)*'草稿'.docx", 'bulletin.docx');
    expect(h.split("filename*=UTF-8''")[1]).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodedName(h)).toBe("通报(2024年10月)*'草稿'.docx");
  });

  it('keeps quotes, backslashes and line breaks out of the header', () => {
    const h = attachment('a"b\\c\r\nSet-Cookie: x=1.csv');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h).toMatch(/^attachment; filename="a_b_cSet-Cookie: x=1\.csv"; filename\*=UTF-8''/);
    expect(decodedName(h)).toBe('a"b\\cSet-Cookie: x=1.csv');
  });

  it('leaves a plain ASCII name as it is', () => {
    expect(attachment('audit-20241105-093000.csv')).toBe(
      `attachment; filename="audit-20241105-093000.csv"; filename*=UTF-8''audit-20241105-093000.csv`,
    );
  });
});
