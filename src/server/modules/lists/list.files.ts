/**
 * What may be attached to a list item as evidence, checked on the bytes and not only on the name: an allow-list of
 * office, image and archive types, each with its signature; anything executable or HTML-like is refused whatever
 * its name, and nothing is ever served back inline (see list.routes.ts).
 */
import { INVISIBLE_CHARACTERS } from '../../../shared/api/common.ts';
import { ATTACHMENT_EXTENSIONS } from '../../../shared/api/lists.ts';

type Extension = (typeof ATTACHMENT_EXTENSIONS)[number];

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The content type sent back for each extension, and the signature its first bytes must carry (null: text). */
const TYPES: Record<Extension, { type: string; magic: number[][] | null }> = {
  pdf: { type: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  ofd: { type: 'application/ofd', magic: [ZIP] },
  jpg: { type: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { type: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  png: { type: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  doc: { type: 'application/msword', magic: [OLE] },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [ZIP] },
  wps: { type: 'application/vnd.ms-works', magic: [OLE] },
  xls: { type: 'application/vnd.ms-excel', magic: [OLE] },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [ZIP] },
  et: { type: 'application/vnd.ms-excel', magic: [OLE] },
  ppt: { type: 'application/vnd.ms-powerpoint', magic: [OLE] },
  pptx: { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: [ZIP] },
  txt: { type: 'text/plain; charset=utf-8', magic: null },
  csv: { type: 'text/csv; charset=utf-8', magic: null },
  zip: { type: 'application/zip', magic: [ZIP] },
};

/** Signatures of programs and scripts, refused whatever the file is called. */
const EXECUTABLE = [
  [0x4d, 0x5a], // MZ: Windows PE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x23, 0x21], // #! script
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O fat / Java class
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
];

const HTML_LIKE = /<\s*(!doctype\s+html|html|script|svg|iframe|body|head|meta|object|embed)\b/i;

export type FileCheck = { ok: true; contentType: string; fileName: string } | { ok: false; zh: string; en: string };

/**
 * The readings of a text file's first bytes that a browser might choose: UTF-8, UTF-16 either way (with or without a
 * byte-order mark), and the bytes with NULs dropped — so `<script>` written in UTF-16 is seen as well.
 */
function textsOf(head: Uint8Array): string[] {
  const bytes = Buffer.from(head);
  const even = bytes.length - (bytes.length % 2);
  const swapped = Buffer.from(bytes.subarray(0, even));
  swapped.swap16();
  return [
    bytes.toString('utf8'),
    bytes.subarray(0, even).toString('utf16le'),
    swapped.toString('utf16le'),
    bytes.filter((b) => b !== 0).toString(),
  ];
}

const startsWith = (data: Uint8Array, sig: readonly number[]) => sig.every((b, i) => data[i] === b);

/**
 * A file name safe to store and to send back in a header: no path, no control, bidirectional or zero-width
 * characters, at most 120 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Bidirectional overrides and zero-width characters would make `gnp.exe` read as `exe.png`: they go too.
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(INVISIBLE_CHARACTERS, '')
    .trim();
  return clean.slice(-120) || 'file';
}

/**
 * Decides whether `data` may be stored under `fileName`, and with which content type.
 *
 * @example checkAttachment('验收报告.pdf', Buffer.from('%PDF-1.7…')) → { ok: true, contentType: 'application/pdf' }
 * @example checkAttachment('report.pdf', Buffer.from('<html>…')) → refused: the content is not a PDF
 * @example checkAttachment('setup.exe', …) → refused: the type is not allowed
 */
export function checkAttachment(fileName: string, data: Uint8Array, maxBytes: number): FileCheck {
  const name = cleanFileName(fileName);
  const ext = (name.includes('.') ? (name.split('.').pop() ?? '') : '').toLowerCase();
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) {
    return {
      ok: false,
      zh: `不允许的文件类型 .${ext || '（无扩展名）'}；允许：${ATTACHMENT_EXTENSIONS.join('、')}`,
      en: `File type .${ext || '(none)'} is not allowed; allowed: ${ATTACHMENT_EXTENSIONS.join(', ')}`,
    };
  }
  if (data.length === 0) return { ok: false, zh: '文件为空', en: 'The file is empty' };
  if (data.length > maxBytes) {
    return {
      ok: false,
      zh: `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`,
      en: `The file exceeds ${Math.floor(maxBytes / 1024 / 1024)} MB`,
    };
  }
  if (EXECUTABLE.some((sig) => startsWith(data, sig)))
    return { ok: false, zh: '不允许上传可执行文件', en: 'Executable files are not allowed' };
  const spec = TYPES[ext as Extension];
  if (spec.magic === null) {
    if (textsOf(data.subarray(0, 8192)).some((text) => HTML_LIKE.test(text))) {
      return { ok: false, zh: '文本文件中含有网页或脚本内容，不允许上传', en: 'The text file contains HTML or script' };
    }
  } else if (!spec.magic.some((sig) => startsWith(data, sig))) {
    return { ok: false, zh: `文件内容与扩展名 .${ext} 不符`, en: `The content does not match the extension .${ext}` };
  }
  return { ok: true, contentType: spec.type, fileName: name };
}
