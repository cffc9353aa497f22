import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, AlignmentType } from 'docx';
import ExcelJS from 'exceljs';

/**
 * The village public notice (村级公示) of monitoring cases: what may be shown and nothing else. A row carries the
 * household head's name, the village group, the household size, the kind of case as the public may read it and the
 * notice period — never an ID number, a phone, a bank account or a health detail (an illness case reads 突发困难, not
 * 因病; the lead's reason, which may name an illness or a department's record, is left out).
 */
export interface PublicNoticeRow {
  headName: string;
  /** The village group or community, from the household's address; never the full address. */
  group: string;
  size: number;
  /** The kind as the notice names it (see {@link publicKindName}). */
  kind: string;
}

export interface PublicNotice {
  villageName: string;
  townshipName: string;
  noticeFrom: string;
  noticeTo: string;
  rows: PublicNoticeRow[];
  /** Whether any row is generated demo data (示例数据), said on the notice. */
  generated: boolean;
}

/** The kinds as a public notice may name them: hardship without its cause (health is never shown). */
export function publicKindName(kind: string): string {
  if (kind === 'below10k') return '年人均收入1万元以下家庭';
  if (kind === 'zeroEmployment') return '零就业家庭';
  return '突发严重困难家庭';
}

/** The village group (…组) of an address, or '' — never the rest of the address. */
export function groupOf(address: string): string {
  const m = /([0-9一二三四五六七八九十]+组|[^\s省市区县镇乡街道村]*社区)/u.exec(address);
  return m?.[1] ?? '';
}

const TITLE = (n: PublicNotice) => `${n.townshipName}${n.villageName}防止返贫动态监测对象认定公示`;
const BODY = (n: PublicNotice) =>
  `经农户申请（或部门筛查预警、干部走访发现）、入户核查、信息比对、村民代表民主评议，拟将以下 ${n.rows.length} 户纳入动态监测帮扶，现予公示。公示期：${n.noticeFrom} 至 ${n.noticeTo}。如有异议，请在公示期内向村（社区）或乡镇（街道）反映。`;
const HEAD = ['序号', '户主姓名', '村民小组', '家庭人口', '监测类别'];

export async function publicNoticeXlsx(n: PublicNotice): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村级公示');
  ws.columns = [{ width: 8 }, { width: 14 }, { width: 14 }, { width: 10 }, { width: 26 }];
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = TITLE(n) + (n.generated ? '（示例数据）' : '');
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = BODY(n);
  ws.getCell('A2').alignment = { wrapText: true };
  ws.getRow(2).height = 60;
  ws.addRow(HEAD).font = { bold: true };
  n.rows.forEach((r, i) => ws.addRow([i + 1, r.headName, r.group, r.size, r.kind]));
  ws.addRow([]);
  ws.addRow(['', '', '', `${n.villageName}村（居）民委员会`]);
  ws.addRow(['', '', '', n.noticeFrom]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function publicNoticeDocx(n: PublicNotice): Promise<Buffer> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: TITLE(n) + (n.generated ? '（示例数据）' : ''), bold: true, size: 32 })],
          }),
          new Paragraph({ children: [new TextRun(BODY(n))] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ children: HEAD.map((h) => cell(h, true)) }),
              ...n.rows.map(
                (r, i) =>
                  new TableRow({
                    children: [
                      cell(String(i + 1)),
                      cell(r.headName),
                      cell(r.group),
                      cell(String(r.size)),
                      cell(r.kind),
                    ],
                  }),
              ),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun(`${n.villageName}村（居）民委员会`)],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(n.noticeFrom)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
