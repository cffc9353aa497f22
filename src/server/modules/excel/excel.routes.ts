import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { UploadGate } from '../../uploads/upload-gate.ts';
import { matrixExportQuerySchema, rankingExportQuerySchema, templateQuerySchema } from './excel.schema.ts';
import { route } from '../../http/route.ts';
import { valueRoutes } from '../../../shared/api/values.ts';
import type { XlsxFile } from './excel.service.ts';
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

export function registerExcelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const uploads = UploadGate.of(ctx.config);
  const excel = ctx.excel;

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
  route(app, valueRoutes.import, async (request) => {
    const actor = actorOf(request);
    return uploads.receiveXlsx(request, actor.userId, (file) => excel.importEntries(actor, file));
  });
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
