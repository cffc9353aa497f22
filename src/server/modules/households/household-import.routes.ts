import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  householdExportQuerySchema,
  householdImportRoutes as r,
  importJobSchema,
} from '../../../shared/api/households.ts';
import { householdStatisticsQuerySchema } from '../../../shared/api/household-statistics.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { sendDownload } from '../../http/download.ts';
import { route } from '../../http/route.ts';
import { UploadGate } from '../../uploads/upload-gate.ts';
import { householdsWorkbook, statisticsWorkbook } from './household.export.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WRITERS = ['villageCadre', 'townshipOfficer'] as const;
const READERS = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'] as const;

/** The survey template, the import of CSV / XLSX as jobs, and the exports of households and statistics. */
export function registerHouseholdImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const z = app.withTypeProvider<ZodTypeProvider>();
  const uploads = UploadGate.of(ctx.config);
  z.get(
    '/api/v1/households/import-template.xlsx',
    {
      config: { access: WRITERS },
      schema: { tags: ['households'], summary: '下载收入摸底模板 The income survey template (.xlsx)' },
    },
    async (request, reply) =>
      sendDownload(reply, {
        contentType: XLSX_MIME,
        fileName: '收入摸底调查表.xlsx',
        asciiFileName: 'income-survey-template.xlsx',
        body: await ctx.householdImports.template(actorOf(request)),
      }),
  );
  z.post(
    '/api/v1/households/imports',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['households'],
        summary:
          '导入收入摸底 Import a survey file, CSV or XLSX (multipart field “file”; all or nothing; small files answer when done (200), larger ones at once as a job (202))',
        consumes: ['multipart/form-data'],
        response: { 200: importJobSchema, 202: importJobSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const release = uploads.acquire(actor.userId);
      try {
        const file = await uploads.readTable(request);
        const job = await ctx.householdImports.start(actor, file, { onSettled: release });
        return reply.code(job.status === 'queued' || job.status === 'running' ? 202 : 200).send(job);
      } catch (e) {
        release();
        throw e;
      }
    },
  );
  route(app, r.jobs, async (request) => ctx.householdImports.jobs(actorOf(request)));
  route(app, r.job, async (request, { params }) => ctx.householdImports.job(actorOf(request), params.id));
  route(app, r.cancel, async (request, { params }) => ctx.householdImports.cancel(actorOf(request), params.id));
  z.get(
    '/api/v1/households/export.xlsx',
    {
      config: { access: READERS },
      schema: {
        tags: ['households'],
        summary:
          '导出家庭名单 Export the filtered households (.xlsx; masked unless unmasked; reason required, audited)',
        querystring: householdExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { unmask, reason, ...filter } = request.query;
      const actor = actorOf(request);
      const result = await ctx.households.exportRows(actor, filter, { unmask, reason });
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        fileName: '家庭名单.xlsx',
        asciiFileName: 'households.xlsx',
        body: await householdsWorkbook(result.rows, {
          exportedAt: ctx.clock.now().toISOString(),
          exportedBy: actor.displayName,
          reason,
          unmasked: result.unmasked,
          total: result.total,
        }),
      });
    },
  );
  z.get(
    '/api/v1/household-statistics/export.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['household-statistics'],
        summary:
          '导出家庭收入统计 Export a unit’s statistics and its children’s (.xlsx; suppressed as the reader sees them)',
        querystring: householdStatisticsQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const s = await ctx.householdStatistics.statistics(actor, request.query.unitId);
      await ctx.auditor.record({
        action: 'household.statistics.export',
        objectType: 'householdStatistics',
        objectId: s.unit.unitId,
        detail: { suppressed: s.suppressed },
      });
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        fileName: `家庭收入统计_${s.unit.name}.xlsx`,
        asciiFileName: 'household-statistics.xlsx',
        body: await statisticsWorkbook(s),
      });
    },
  );
}
