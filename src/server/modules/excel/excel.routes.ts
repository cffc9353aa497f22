import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { ExcelRepository } from './excel.repository.ts';
import {
  importResponseSchema,
  matrixExportQuerySchema,
  rankingExportQuerySchema,
  templateQuerySchema,
} from './excel.schema.ts';
import { ExcelService, type XlsxFile } from './excel.service.ts';
import { XLSX_MIME } from './excel.style.ts';
import { sendDownload } from '../../http/download.ts';

const ENTRY_ACCESS = ['districtReporter', 'departmentReporter', 'coordinator'] as const;

function sendXlsx(reply: FastifyReply, file: XlsxFile) {
  return sendDownload(reply, {
    contentType: XLSX_MIME,
    fileName: file.filename,
    asciiFileName: file.asciiFilename,
    body: file.body,
  });
}

const noFile = () =>
  new AppError('VALIDATION', { zh: '请选择要上传的 Excel 文件', en: 'Choose an Excel file to upload' }, [
    {
      field: 'file',
      message: '请以 multipart/form-data 上传，文件字段名为 file / upload as multipart/form-data in the field “file”',
    },
  ]);

/** The uploaded file's bytes; its client-side name is deliberately dropped (never a path, never trusted). */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw noFile();
  const part = await request.file();
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw noFile();
  }
  return part.toBuffer();
}

export function registerExcelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const excel = new ExcelService({
    db: ctx.db,
    values: ctx.values,
    evaluation: ctx.evaluation,
    repo: new ExcelRepository(ctx.db.kysely),
    org: () => ctx.org(),
    access: () => ctx.access(),
    clock: ctx.clock,
  });

  r.get(
    '/api/v1/values/template.xlsx',
    {
      config: { access: ENTRY_ACCESS },
      schema: {
        tags: ['values'],
        summary: '下载填报模板 Entry template (.xlsx) for one unit and period',
        querystring: templateQuerySchema,
      },
    },
    async (request, reply) => sendXlsx(reply, await excel.template(actorOf(request), request.query)),
  );
  r.post(
    '/api/v1/values/import',
    {
      config: { access: ENTRY_ACCESS },
      schema: {
        tags: ['values'],
        summary:
          '导入填报模板 Import a filled template as drafts (multipart field “file”; all or nothing, 422 lists every bad cell)',
        consumes: ['multipart/form-data'],
        response: { 200: importResponseSchema },
      },
    },
    async (request) => excel.importEntries(actorOf(request), { data: await uploadedFile(request) }),
  );
  r.get(
    '/api/v1/evaluation/matrix.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['evaluation'],
        summary: '导出评价矩阵 Evaluation matrix (.xlsx)',
        querystring: matrixExportQuerySchema,
      },
    },
    async (request, reply) => sendXlsx(reply, await excel.matrixWorkbook(actorOf(request), request.query)),
  );
  r.get(
    '/api/v1/evaluation/ranking.xlsx',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['evaluation'], summary: '导出区县排名 Ranking (.xlsx)', querystring: rankingExportQuerySchema },
    },
    async (request, reply) => sendXlsx(reply, await excel.rankingWorkbook(actorOf(request), request.query)),
  );
}
