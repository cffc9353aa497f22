import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { part, zipOf, type Part } from '../../../test/security/hostile-xlsx.ts';
import { readSheets } from './xlsx-rows.ts';
import { centralDirectory } from './zip-archive.ts';

const LIMITS = { maxRows: 100, maxColumns: 20 };

async function twoSheets(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('填报').addRows([
    ['指标编码', '本期值'],
    ['D1-01', 12.5],
  ]);
  wb.addWorksheet('说明', { state: 'hidden' }).addRow(['按统计快报填报']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook's parts unpacked and packed again one by one, to be stored in another order. */
function partsOf(buf: Buffer): Map<string, Part> {
  const dir = centralDirectory(buf);
  if (!dir) throw new Error('not a zip');
  const parts = new Map<string, Part>();
  for (const e of dir.entries) {
    const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const packed = buf.subarray(start, start + e.compressedSize);
    parts.set(e.name, part(e.name, e.method === 8 ? zlib.inflateRawSync(packed) : packed));
  }
  return parts;
}

const summary = (sheets: Awaited<ReturnType<typeof readSheets>>) =>
  sheets.map((s) => ({ name: s.name, state: s.state, values: s.rows.map((r) => r.cells.map((c) => c?.value)) }));

describe('readSheets', () => {
  const expected = [
    {
      name: '填报',
      state: 'visible',
      values: [
        ['指标编码', '本期值'],
        ['D1-01', 12.5],
      ],
    },
    { name: '说明', state: 'hidden', values: [['按统计快报填报']] },
  ];

  it('reads a workbook as ExcelJS writes it', async () => {
    expect(summary(await readSheets(await twoSheets(), LIMITS))).toEqual(expected);
  });

  // ExcelJS's own streaming parse() reads parts in stored order: with the relationships and the shared strings
  // stored before the sheets and the workbook part after them it met the sheets before their names were known and
  // failed ("Cannot read properties of undefined (reading 'sheets')", exceljs #3064) — at random, as timing allowed.
  it('reads the parts in the order they depend on, whatever order they are stored in', async () => {
    const parts = partsOf(await twoSheets());
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const sheets = [...parts.keys()].filter((n) => n.startsWith('xl/worksheets/')).sort();
    const last = ['xl/styles.xml', 'xl/workbook.xml'];
    const rest = [...parts.keys()].filter((n) => ![...first, ...sheets, ...last].includes(n));
    const order = [...first, ...sheets, ...rest, ...last].filter((n) => parts.has(n));
    const stored = zipOf(order.map((n) => parts.get(n) as Part));
    for (let i = 0; i < 20; i++) expect(summary(await readSheets(stored, LIMITS))).toEqual(expected);
    const reversed = zipOf([...parts.values()].reverse());
    expect(summary(await readSheets(reversed, LIMITS))).toEqual(expected);
  });
});
