import ExcelJS from 'exceljs';
import type { Bulletin } from './bulletin.content.ts';

const FILL: Record<string, string> = {
  green: 'FFE8F5E9',
  yellow: 'FFFFF4D6',
  red: 'FFFDE2E1',
  blue: 'FFE3F0FF',
  grey: 'FFF2F2F2',
};

/** The bulletin's tables as a workbook: a cover sheet with the text, then one sheet per table. */
export async function bulletinXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu 共富';
  const cover = wb.addWorksheet('通报');
  cover.getColumn(1).width = 120;
  cover.addRow([`${b.title}${b.subtitle}`]).font = { bold: true, size: 16 };
  for (const s of b.sections) {
    cover.addRow([]);
    cover.addRow([s.heading]).font = { bold: true, size: 13 };
    for (const p of s.paragraphs) cover.addRow([p]).alignment = { wrapText: true };
  }
  cover.addRow([]);
  for (const n of b.notes) cover.addRow([`说明：${n}`]);
  cover.addRow([b.issuer]);
  for (const s of b.sections) {
    for (const t of s.tables) {
      const name = t.title
        .replace(/^表\d+\s*/, '')
        .slice(0, 28)
        .replace(/[\\/?*[\]:]/g, '');
      const ws = wb.addWorksheet(name);
      ws.addRow([t.title]).font = { bold: true, size: 13 };
      const head = ws.addRow(t.header);
      head.font = { bold: true };
      head.eachCell((c) => {
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
      });
      t.rows.forEach((r, i) => {
        const row = ws.addRow(r.map((v) => (v === null ? '—' : v)));
        const decimals = t.decimals?.[i];
        if (typeof decimals === 'number') {
          row.eachCell((c) => {
            if (typeof c.value === 'number')
              c.numFmt = decimals >= 2 ? `0.${'0'.repeat(decimals)}` : `0.${'0'.repeat(decimals)}#`;
          });
        }
        const colour = t.colours?.[i];
        if (colour) {
          row.eachCell((c) => {
            c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[colour] ?? 'FFFFFFFF' } };
          });
        }
      });
      ws.columns.forEach((col, i) => {
        col.width = i === 0 ? 18 : i === 1 ? 36 : 16;
      });
      ws.views = [{ state: 'frozen', ySplit: 2 }];
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
