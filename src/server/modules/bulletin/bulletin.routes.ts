import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { periodSchema, queryFlagSchema } from '../../../shared/api/common.ts';
import { sendDownload } from '../../http/download.ts';
import { XLSX_MIME } from '../excel/excel.style.ts';
import type { Bulletin } from './bulletin.content.ts';
import { bulletinDocx } from './bulletin.docx.ts';
import { BulletinService } from './bulletin.service.ts';
import { bulletinXlsx } from './bulletin.xlsx.ts';

/** Who circulates the bulletin: the coordination centre writes it, leaders read it. */
const READERS = ['coordinator', 'leader'] as const;

/** "共同富裕试验区工作通报2024年10月.docx", with "bulletin.docx" for clients that cannot read a Chinese name. */
function bulletinFileName(b: Bulletin, ext: 'docx' | 'xlsx') {
  return {
    fileName: `共同富裕试验区工作通报${b.subtitle.replace(/[（）]/g, '')}.${ext}`,
    asciiFileName: `bulletin.${ext}`,
  };
}

export function registerBulletinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = new BulletinService({
    cockpit: ctx.cockpit,
    lists: ctx.lists,
    org: () => ctx.org(),
    clock: ctx.clock,
    evaluation: ctx.evaluation,
    projects: ctx.projects,
  });
  const query = z.object({
    asOf: periodSchema.optional(),
    /** Add the 终期评估 section (the plan's 2025 targets against the latest figures). */
    endOfPlan: queryFlagSchema.optional(),
  });

  r.get(
    '/api/v1/bulletin.docx',
    {
      config: { access: READERS },
      schema: { tags: ['bulletin'], summary: '工作通报（Word）Monthly bulletin as Word', querystring: query },
    },
    async (request, reply) => {
      const b = await service.build(actorOf(request), request.query.asOf, {
        endOfPlan: request.query.endOfPlan ?? false,
      });
      const body = await bulletinDocx(b);
      return sendDownload(reply, {
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ...bulletinFileName(b, 'docx'),
        body,
      });
    },
  );
  r.get(
    '/api/v1/bulletin.xlsx',
    {
      config: { access: READERS },
      schema: { tags: ['bulletin'], summary: '工作通报（Excel）Monthly bulletin as Excel', querystring: query },
    },
    async (request, reply) => {
      const b = await service.build(actorOf(request), request.query.asOf, {
        endOfPlan: request.query.endOfPlan ?? false,
      });
      const body = await bulletinXlsx(b);
      return sendDownload(reply, { contentType: XLSX_MIME, ...bulletinFileName(b, 'xlsx'), body });
    },
  );
}
