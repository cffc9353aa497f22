import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * How a file name travels in `Content-Disposition` (RFC 6266): an ASCII `filename` for old clients and the real
 * name, UTF-8 percent-encoded, in `filename*` (RFC 5987). RFC 5987's attr-char allows fewer characters than
 * `encodeURIComponent` leaves alone, so `'`, `(`, `)` and `*` are encoded as well; quotes, backslashes and control
 * characters (a CR/LF would split the header) never reach the quoted fallback.
 *
 * @example attachment('填报模板_西区_2024-11.xlsx', 'template_xiqu_2024-11.xlsx')
 *   === `attachment; filename="template_xiqu_2024-11.xlsx"; filename*=UTF-8''%E5%A1%AB%E6%8A%A5…_2024-11.xlsx`
 * @example attachment('验收 报告.pdf') === `attachment; filename="__ __.pdf"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%20%E6%8A%A5%E5%91%8A.pdf`
 */
export function attachment(fileName: string, asciiFallback?: string): string {
  const clean = fileName.replace(/\p{Cc}/gu, '');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = (asciiFallback ?? clean).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a generated or stored file as a download. Every download Gongfu serves is scoped to the user who asked,
 * so no shared cache may keep it, and the browser must not sniff or run it.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { contentType: string; fileName: string; asciiFileName?: string; body: Buffer | string | Readable },
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file.fileName, file.asciiFileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.body);
}
