/**
 * Excel of the major-project ledger: the filtered ledger as a workbook (项目台账导出), every row the search answers
 * (all pages), with the lights' reasons in words. The routes are registered by `registerProjectExcelRoutes`.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { chinaDate } from '../../../domain/lists/dates.ts';
import {
  LIGHT_COLOUR_NAMES,
  LIGHT_KIND_NAMES,
  PROJECT_LEVEL_NAMES,
  PROJECT_STAGE_NAMES,
} from '../../../domain/projects/types.ts';
import {
  projectFilterSchema,
  projectRoutes,
  type ProjectFilter,
  type ProjectRow,
} from '../../../shared/api/projects.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { sendDownload } from '../../http/download.ts';
import { toProjectRow } from './project.mapper.ts';
import { UploadGate } from '../../uploads/upload-gate.ts';
import { monthSchema, idSchema } from '../../../shared/api/common.ts';
import { projectUploadRoutes } from '../../../shared/api/project-imports.ts';
import { route } from '../../http/route.ts';
import { ProjectImportService, type XlsxFile } from './project.import.ts';
import { ProjectEvidenceService } from './project.evidence.ts';
import { evidenceSchema } from '../../../shared/api/projects.ts';
import { toEvidence } from './project.mapper.ts';
import { bilingual, AppError } from '../../errors.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportQuerySchema = projectFilterSchema.omit({ page: true, pageSize: true });

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const LIGHT_FILL: Record<string, string> = { red: 'FFFFCCC7', yellow: 'FFFFF1B8', green: 'FFD9F7BE' };

/** The rows as a workbook: one sheet, a title line saying what was exported and when, amounts in 万元. */
export async function ledgerWorkbook(rows: readonly ProjectRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  const columns: { header: string; width: number; value: (r: ProjectRow) => string | number | null }[] = [
    { header: '项目代码', width: 26, value: (r) => r.code },
    { header: '项目名称', width: 36, value: (r) => r.name },
    { header: '业主单位', width: 28, value: (r) => r.owner },
    { header: '级别', width: 16, value: (r) => PROJECT_LEVEL_NAMES[r.level].zh },
    { header: '产业链', width: 12, value: (r) => r.chainName.zh || r.chain },
    { header: '区县', width: 10, value: (r) => r.districtName },
    { header: '阶段', width: 10, value: (r) => PROJECT_STAGE_NAMES[r.stage].zh },
    { header: '总投资（万元）', width: 14, value: (r) => r.totalInvestment },
    { header: '计划开工', width: 12, value: (r) => r.plannedStart },
    { header: '实际开工', width: 12, value: (r) => r.actualStart },
    { header: '计划竣工', width: 12, value: (r) => r.plannedCompletion },
    { header: '实际竣工', width: 12, value: (r) => r.actualCompletion },
    { header: '年度计划（万元）', width: 16, value: (r) => r.planned },
    { header: '本年累计（万元）', width: 16, value: (r) => r.ytd },
    { header: '完成率', width: 10, value: (r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10) },
    { header: '灯号', width: 8, value: (r) => LIGHT_COLOUR_NAMES[r.light].zh },
    {
      header: '灯号说明',
      width: 60,
      value: (r) =>
        r.lights
          .filter((l) => l.colour === 'red' || l.colour === 'yellow')
          .map((l) => `${LIGHT_KIND_NAMES[l.kind].zh}（${LIGHT_COLOUR_NAMES[l.colour].zh}）：${l.explanation.zh}`)
          .join('；'),
    },
    { header: '数据性质', width: 10, value: (r) => (r.generated ? '示例数据' : '') },
  ];
  ws.addRow([title]);
  ws.getRow(1).font = { bold: true, size: 13 };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const lightColumn = columns.findIndex((c) => c.header === '灯号') + 1;
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => c.value(r)));
    const fill = LIGHT_FILL[r.light];
    if (fill) row.getCell(lightColumn).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  }
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Who registers projects (the create route's roles) and who files returns (the save route's). */
const EDITORS = [...projectRoutes.create.access];
const FILERS = [...projectRoutes.saveReturn.access];

export function registerProjectExcelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const imports = new ProjectImportService({
    projects: ctx.projects,
    org: () => ctx.org(),
    access: () => ctx.access(),
  });
  const uploads = UploadGate.of(ctx.config);
  const sendXlsx = (reply: FastifyReply, f: XlsxFile) =>
    sendDownload(reply, { contentType: XLSX, fileName: f.fileName, asciiFileName: f.asciiFileName, body: f.body });

  registerEvidenceRoutes(app, ctx);
  r.get(
    '/api/v1/projects/template.xlsx',
    {
      config: { access: EDITORS },
      schema: { tags: ['projects'], summary: '下载项目导入模板 Project import template (.xlsx)' },
    },
    async (request, reply) => sendXlsx(reply, await imports.projectTemplate(actorOf(request))),
  );
  route(app, projectUploadRoutes.importProjects, async (request) => {
    const actor = actorOf(request);
    return uploads.receiveXlsx(request, actor.userId, (file) => imports.importProjects(actor, file));
  });
  r.get(
    '/api/v1/projects/returns/template.xlsx',
    {
      config: { access: FILERS },
      schema: {
        tags: ['projects'],
        summary: '下载月度调度模板 Monthly return template of a district (.xlsx)',
        querystring: z.object({ districtId: idSchema, month: monthSchema.optional() }),
      },
    },
    async (request, reply) =>
      sendXlsx(reply, await imports.returnTemplate(actorOf(request), request.query.districtId, request.query.month)),
  );
  route(app, projectUploadRoutes.importReturns, async (request) => {
    const actor = actorOf(request);
    return uploads.receiveXlsx(request, actor.userId, (file) => imports.importReturns(actor, file));
  });
  r.get(
    '/api/v1/projects/export',
    {
      // Who reads the ledger reads its export (the search route's roles, src/shared/api/projects.ts).
      config: { access: [...projectRoutes.search.access] },
      schema: {
        tags: ['projects'],
        summary: '导出台账 Export the filtered ledger (.xlsx)',
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const rows: ProjectRow[] = [];
      const months: string[] = [];
      for (let page = 1; ; page++) {
        const filter: ProjectFilter = { ...request.query, page, pageSize: 500 };
        const answer = await ctx.projects.search(actor, filter);
        months.push(answer.month);
        rows.push(...answer.views.map((v) => toProjectRow(v, ctx.org())));
        if (answer.views.length < 500 || rows.length >= answer.total) break;
      }
      const today = chinaDate(ctx.clock.now());
      const body = await ledgerWorkbook(
        rows,
        `重大项目台账（灯号按${months[0] ?? ''}判定，导出于${today}，共${rows.length}个项目）`,
      );
      return sendDownload(reply, { contentType: XLSX, fileName: `项目台账导出-${today}.xlsx`, body });
    },
  );
}

/** Who reads evidence: the ledger's readers, narrowed by Access.canSeeProjectEvidence (district, reviewers, centre, leaders). */
const EVIDENCE_READERS = ['districtReporter', 'reviewer', 'coordinator', 'leader'] as const;

/** Evidence of monthly returns (佐证材料): upload (multipart field “file”), list, download. */
function registerEvidenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const evidence = new ProjectEvidenceService({
    projects: ctx.projects,
    access: () => ctx.access(),
    auditor: ctx.auditor,
    clock: ctx.clock,
    maxBytes: ctx.config.uploadLimit,
  });
  const returnParams = z.object({ id: idSchema });
  r.get(
    '/api/v1/projects/returns/:id/evidence',
    {
      config: { access: [...EVIDENCE_READERS] },
      schema: {
        tags: ['projects'],
        summary: '月报佐证材料 Evidence of a monthly return',
        params: returnParams,
        response: { 200: z.array(evidenceSchema) },
      },
    },
    async (request) => (await evidence.list(actorOf(request), request.params.id)).map(toEvidence),
  );
  route(app, projectUploadRoutes.uploadEvidence, async (request, { params, query }) => {
    const actor = actorOf(request);
    if (!request.isMultipart()) {
      throw new AppError('VALIDATION', { zh: '请选择要上传的文件', en: 'Choose a file to upload' }, [
        {
          field: 'file',
          ...bilingual(
            '请以 multipart/form-data 上传，文件字段名为 file',
            'upload as multipart/form-data in the field “file”',
          ),
        },
      ]);
    }
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw new AppError('VALIDATION', { zh: '请选择要上传的文件', en: 'Choose a file to upload' }, [
        { field: 'file', ...bilingual('文件字段名应为 file', 'the file field must be “file”') },
      ]);
    }
    const bytes = await part.toBuffer();
    const meta = await evidence.upload(actor, params.id, { bytes, fileName: part.filename ?? '' }, query.figure);
    return toEvidence(meta);
  });
  r.get(
    '/api/v1/projects/evidence/:id',
    {
      config: { access: [...EVIDENCE_READERS] },
      schema: {
        tags: ['projects'],
        summary: '下载佐证材料 Download a piece of evidence',
        params: z.object({ id: idSchema }),
      },
    },
    async (request, reply) => {
      const file = await evidence.download(actorOf(request), request.params.id);
      return sendDownload(reply, { contentType: file.contentType, fileName: file.fileName, body: file.body });
    },
  );
}
