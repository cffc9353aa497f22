/**
 * Hostile .xlsx packages for the upload-gate tests, written by hand so that each can lie exactly as an attacker's
 * would: a sheet of 839,000 rows in a few megabytes, a zip bomb that declares small sizes, one that declares its real
 * ones, a shared-strings table as large as the gate lets through, a row that runs to column XFD.
 */
import zlib from 'node:zlib';

export interface Part {
  name: string;
  /** The packed (raw deflate) bytes. */
  data: Buffer;
  /** What the directory says the part unpacks to; a bomb lies here. */
  declaredSize: number;
}

export const part = (name: string, content: Buffer | string): Part => {
  const bytes = Buffer.from(content);
  return { name, data: zlib.deflateRawSync(bytes, { level: 1 }), declaredSize: bytes.length };
};

/** A zip archive of the parts, deflated, in the given order. */
export function zipOf(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const n = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.declaredSize, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(p.declaredSize, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(local, n, p.data);
    central.push(c, n);
    offset += local.length + n.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
const workbook = (sheet: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A one-sheet workbook around the given sheet XML and optional shared strings, parts in Excel's order. */
export function workbookOf(sheetName: string, sheetXml: Part, sharedStrings?: Part): Buffer {
  return zipOf([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', RELS),
    part('xl/workbook.xml', workbook(sheetName)),
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    ...(sharedStrings ? [sharedStrings] : []),
    sheetXml,
  ]);
}

/** A part generated in chunks (joined once: tens of megabytes, outside the JavaScript heap). */
function deflated(name: string, chunks: Iterable<string>): Part {
  const pieces: Buffer[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  for (const c of chunks) {
    pending.push(c);
    pendingLength += c.length;
    if (pendingLength > 1 << 20) {
      pieces.push(Buffer.from(pending.join('')));
      pending = [];
      pendingLength = 0;
    }
  }
  pieces.push(Buffer.from(pending.join('')));
  const bytes = Buffer.concat(pieces);
  return { name, data: zlib.deflateRawSync(bytes, { level: 9 }), declaredSize: bytes.length };
}

/** A sheet of `rows` rows of one number each: 839,000 of them pack into about 4 MB. */
export function manyRows(sheetName: string, rows: number): Buffer {
  function* xml() {
    yield SHEET_HEAD;
    for (let r = 1; r <= rows; r++) yield `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`;
    yield SHEET_TAIL;
  }
  return workbookOf(sheetName, deflated('xl/worksheets/sheet1.xml', xml()));
}

/** A sheet part that unpacks to `bytes` of spaces while declaring `declared` (a lie unless equal). */
export function bomb(bytes: number, declared: number): Buffer {
  const data = zlib.deflateRawSync(Buffer.alloc(bytes, 0x20), { level: 9 });
  return workbookOf('填报表', { name: 'xl/worksheets/sheet1.xml', data, declaredSize: declared });
}

/** A shared-strings table of `count` distinct strings, with a small sheet using them. */
export function manyStrings(count: number): Buffer {
  function* xml() {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`;
    for (let i = 0; i < count; i++) yield `<si><t>s${i.toString(36)}</t></si>`;
    yield '</sst>';
  }
  const sheet = part(
    'xl/worksheets/sheet1.xml',
    `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
  );
  return workbookOf('填报表', sheet, deflated('xl/sharedStrings.xml', xml()));
}

/** Rows that each run from column A to XFD, the last column Excel has. */
export function wideRows(rows: number): Buffer {
  function* xml() {
    yield SHEET_HEAD;
    for (let r = 1; r <= rows; r++) {
      let row = `<row r="${r}">`;
      for (const col of ['A', 'B', 'XFD']) row += `<c r="${col}${r}"><v>1</v></c>`;
      yield `${row}</row>`;
    }
    yield SHEET_TAIL;
  }
  return workbookOf('填报表', deflated('xl/worksheets/sheet1.xml', xml()));
}
