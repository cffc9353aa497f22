/**
 * Archive checks for every uploaded zip package (.xlsx today): read from the zip's central directory before anything
 * is inflated, then confirmed by inflating each part into a counter that keeps no output, so that neither a zip bomb
 * nor a package whose declared sizes lie ever reaches a parser.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ArchiveLimits {
  /** Ceiling on the sum of the unpacked sizes of all parts. */
  maxUnpackedBytes: number;
  /** Ceiling on one part's unpacked size divided by its packed size. */
  maxRatio: number;
  maxEntries: number;
  /**
   * Tighter ceilings for named parts. An .xlsx reader holds its shared-strings table in memory, and parsing millions
   * of tiny strings costs far more time per byte than a sheet does, so that part gets its own cap.
   */
  maxPartBytes?: Readonly<Record<string, { bytes: number; zh: string; en: string }>>;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** What is wrong with an archive, in both languages; the gate turns it into a 400 naming the file. */
export class ArchiveProblem extends Error {
  readonly zh: string;
  readonly en: string;
  /** A zip bomb or an oversized package, as opposed to a damaged one. */
  readonly tooLarge: boolean;
  constructor(zh: string, en: string, tooLarge = false) {
    super(en);
    this.zh = zh;
    this.en = en;
    this.tooLarge = tooLarge;
  }
}

const damaged = (what = '') =>
  new ArchiveProblem(`文件已损坏或不完整${what ? `（${what}）` : ''}`, 'damaged or truncated (invalid zip structure)');

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** True when the bytes start like a zip archive (local file header). */
export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
}

/** Reads the zip central directory; null when the bytes are not a (non-zip64) zip archive. */
export function centralDirectory(buf: Buffer): { entries: ZipEntry[]; directoryOffset: number } | null {
  if (buf.length < 22) return null;
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === END) {
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
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return { entries, directoryOffset: offset };
}

/** Where a part's packed data starts, after its local header. */
function dataStart(buf: Buffer, e: ZipEntry): number {
  if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== LOCAL) throw damaged();
  const nameLength = buf.readUInt16LE(e.localOffset + 26);
  if (buf.toString('utf8', e.localOffset + 30, e.localOffset + 30 + nameLength) !== e.name) throw damaged();
  return e.localOffset + 30 + nameLength + buf.readUInt16LE(e.localOffset + 28);
}

/**
 * One part's unpacked bytes as a stream, inflated as it is read, so a reader holds one chunk of it at a time. For an
 * archive `checkDirectory` accepted; anything else is refused as damaged.
 */
export function openPart(buf: Buffer, e: ZipEntry): Readable {
  const start = dataStart(buf, e);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Readable.from([data]);
  if (e.method !== 8) throw damaged();
  const inflater = zlib.createInflateRaw();
  inflater.end(data);
  return inflater;
}

const MB = 1024 * 1024;

function tooBig(limits: ArchiveLimits): ArchiveProblem {
  const mb = Math.round(limits.maxUnpackedBytes / MB);
  return new ArchiveProblem(`解压后超过 ${mb} MB，疑似异常文件`, `unpacks to more than ${mb} MB`, true);
}

function tooDense(limits: ArchiveLimits): ArchiveProblem {
  return new ArchiveProblem(
    `压缩比超过 ${limits.maxRatio}:1，疑似“压缩炸弹”`,
    `compression ratio above ${limits.maxRatio}:1 (a zip bomb)`,
    true,
  );
}

/**
 * The directory checks, on declared sizes only: part count, each part's ratio, the total, encryption, and that the
 * parts lie back to back up to the directory — so a streaming unzipper, which reads local headers rather than the
 * directory, meets exactly the parts checked here and nothing hidden between them.
 */
export function checkDirectory(buf: Buffer, limits: ArchiveLimits): ZipEntry[] {
  const dir = centralDirectory(buf);
  if (!dir) throw damaged('压缩结构无效');
  const { entries } = dir;
  if (entries.length > limits.maxEntries)
    throw new ArchiveProblem('文件结构异常（包含的部件过多）', 'too many parts in the package');
  let declared = 0;
  for (const e of entries) {
    if (e.flags & 0x1)
      throw new ArchiveProblem('工作簿已加密，请取消密码后再上传', 'the workbook is encrypted; remove the password');
    if (e.method !== 0 && e.method !== 8)
      throw new ArchiveProblem('文件使用了不支持的压缩方式', 'unsupported compression method');
    if (e.method === 0 && e.uncompressedSize !== e.compressedSize) throw damaged();
    if (e.uncompressedSize > limits.maxRatio * Math.max(e.compressedSize, 1)) throw tooDense(limits);
    const cap = limits.maxPartBytes?.[e.name];
    if (cap !== undefined && e.uncompressedSize > cap.bytes) {
      const mb = Math.round(cap.bytes / MB);
      throw new ArchiveProblem(
        `${cap.zh}解压后超过 ${mb} MB，疑似异常文件`,
        `its ${cap.en} unpacks to more than ${mb} MB`,
        true,
      );
    }
    declared += e.uncompressedSize;
    if (declared > limits.maxUnpackedBytes) throw tooBig(limits);
  }
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let next = 0;
  for (const e of sorted) {
    if (e.localOffset !== next) throw damaged();
    next = dataStart(buf, e) + e.compressedSize;
    if (e.flags & 0x8) {
      // A data descriptor follows the data: 12 bytes, or 16 with its optional signature.
      next += next + 4 <= buf.length && buf.readUInt32LE(next) === 0x08074b50 ? 16 : 12;
    }
  }
  if (next !== dir.directoryOffset) throw damaged();
  return entries;
}

/** Inflates one part into a counter: its true unpacked size, or a refusal once it passes `cap`. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    let size = 0;
    let done = false;
    const finish = (err: Error | null, n = 0) => {
      if (done) return;
      done = true;
      if (err) reject(err);
      else resolve(n);
    };
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        inflater.destroy();
        finish(new ArchiveProblem('', '', true));
      }
    });
    inflater.on('end', () => finish(null, size));
    inflater.on('error', () => finish(damaged('解压失败')));
    inflater.end(data);
  });
}

/**
 * Every check of an uploaded zip package. The directory is read first; then each part is inflated without keeping
 * its output, capped at what it declared, because a bomb can declare small sizes and unpack to gigabytes.
 */
export async function inspectArchive(buf: Buffer, limits: ArchiveLimits): Promise<ZipEntry[]> {
  const entries = checkDirectory(buf, limits);
  let total = 0;
  for (const e of entries) {
    const start = dataStart(buf, e);
    const data = buf.subarray(start, start + e.compressedSize);
    let size = data.length;
    if (e.method === 8) {
      try {
        size = await inflatedSize(data, e.uncompressedSize);
      } catch (err) {
        if (err instanceof ArchiveProblem && err.tooLarge) throw tooBig(limits);
        throw err;
      }
    }
    if (size !== e.uncompressedSize) throw damaged();
    total += size;
    if (total > limits.maxUnpackedBytes) throw tooBig(limits);
  }
  return entries;
}
