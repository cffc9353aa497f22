import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Bulletin, BulletinTable } from './bulletin.content.ts';

/** Light fills for status colours: readable when printed in black and white. */
const FILL: Record<string, string> = {
  green: 'E8F5E9',
  yellow: 'FFF4D6',
  red: 'FDE2E1',
  blue: 'E3F0FF',
  grey: 'F2F2F2',
};
const FONT = 'FangSong';
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function cell(text: string, opts: { bold?: boolean; fill?: string | undefined } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold ?? false, font: FONT, size: 21 })] })],
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } } : {}),
    borders: { top: border, bottom: border, left: border, right: border },
  });
}

function table(t: BulletinTable): (Paragraph | Table)[] {
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 160, after: 80 },
    children: [new TextRun({ text: t.title, bold: true, font: FONT, size: 22 })],
  });
  if (t.rows.length === 0) return [caption, new Paragraph({ children: [new TextRun({ text: '（无）', font: FONT })] })];
  return [
    caption,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, { bold: true, fill: 'D9E2F3' })) }),
        ...t.rows.map(
          (r, i) =>
            new TableRow({
              children: r.map((v) =>
                cell(cellText(v, t.decimals?.[i]), { fill: t.colours?.[i] ? FILL[t.colours[i] as string] : undefined }),
              ),
            }),
        ),
      ],
    }),
  ];
}

/** A cell's text: a figure with at least the decimals its unit asks for (2.00 倍, 6.0%), at most two. */
function cellText(v: string | number | null, decimals: number | null | undefined): string {
  if (v === null) return '—';
  if (typeof v !== 'number' || typeof decimals !== 'number') return String(v);
  return v.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: Math.max(decimals, 2),
    useGrouping: false,
  });
}

/** The bulletin as a .docx: 仿宋 body, 小标宋-style title, numbered sections and bordered tables with status fills. */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: b.title, bold: true, size: 40, font: 'SimSun' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: b.subtitle, size: 28, font: FONT })],
    }),
  ];
  for (const s of b.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 240, after: 120 },
        children: [new TextRun({ text: s.heading, bold: true, font: 'SimHei', size: 30 })],
      }),
    );
    for (const p of s.paragraphs)
      children.push(
        new Paragraph({
          indent: { firstLine: 560 },
          spacing: { line: 360 },
          children: [new TextRun({ text: p, font: FONT, size: 28 })],
        }),
      );
    for (const t of s.tables) children.push(...table(t));
  }
  children.push(
    new Paragraph({
      spacing: { before: 360 },
      children: [new TextRun({ text: '说明：', bold: true, font: FONT, size: 24 })],
    }),
  );
  for (const n of b.notes) children.push(new Paragraph({ children: [new TextRun({ text: n, font: FONT, size: 24 })] }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 360 },
      children: [new TextRun({ text: b.issuer, font: FONT, size: 28 })],
    }),
  );
  const doc = new Document({ creator: 'Gongfu 共富', title: `${b.title}${b.subtitle}`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
