import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../domain/lists/dates.ts';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { bilingual, AppError } from '../../errors.ts';
import { sendDownload } from '../../http/download.ts';
import { UploadGate } from '../../uploads/upload-gate.ts';
import { route } from '../../http/route.ts';
import { idSchema } from '../../../shared/api/common.ts';
import { listFilterSchema, listRoutes } from '../../../shared/api/lists.ts';

const COORDINATOR = ['coordinator'] as const;

const idParams = z.object({ id: idSchema });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, data: Buffer, fileName: string, contentType: string) {
  return sendDownload(reply, { contentType, fileName, body: data });
}

export function registerListRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const uploads = UploadGate.of(ctx.config);
  const tags = ['lists'];
  const lists = ctx.lists;
  const thisYear = () => Number(chinaDate(ctx.clock.now()).slice(0, 4));
  const ok = { ok: true as const };

  route(app, listRoutes.list, async (request, { query }) => lists.views.list(actorOf(request), query));
  route(app, listRoutes.counts, async (request, { query }) => lists.views.counts(actorOf(request), query));
  r.get(
    '/api/v1/lists/items/export',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '导出 Export the filtered list (.xlsx)', querystring: listFilterSchema },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await lists.views.exportXlsx(actorOf(request), request.query),
        `清单导出-${chinaDate(ctx.clock.now())}.xlsx`,
        XLSX,
      ),
  );
  r.get(
    '/api/v1/lists/import-template',
    { config: { access: COORDINATOR }, schema: { tags, summary: '下载模板 Import template (.xlsx)' } },
    async (_request, reply) => sendFile(reply, await lists.workflow.importTemplate(), '清单事项导入模板.xlsx', XLSX),
  );
  route(app, listRoutes.import, async (request) => {
    const actor = actorOf(request);
    return uploads.receiveXlsx(request, actor.userId, (file) => lists.workflow.importXlsx(actor, file));
  });
  route(
    app,
    listRoutes.create,
    async (request, { body }) =>
      (await lists.workflow.createDrafts(actorOf(request), [body]))[0] as { id: string; code: string },
  );
  route(app, listRoutes.detail, async (request, { params, query }) =>
    lists.views.detail(actorOf(request), params.id, query.unmask === '1'),
  );
  route(app, listRoutes.update, async (request, { params, body }) => {
    await lists.workflow.updateDraft(actorOf(request), params.id, body.version, body.item);
    return ok;
  });
  route(app, listRoutes.remove, async (request, { params, query }) => {
    await lists.workflow.deleteDraft(actorOf(request), params.id, query.version);
    return ok;
  });
  // The acts that take the item's version and a note, each the workflow's method of the same name.
  for (const act of ['issue', 'acknowledge', 'requestCompletion', 'close'] as const)
    route(app, listRoutes[act], async (request, { params, body }) => {
      await lists.workflow[act](actorOf(request), params.id, body.version, body.note);
      return ok;
    });
  route(app, listRoutes.returnCompletion, async (request, { params, body }) => {
    await lists.workflow.returnCompletion(actorOf(request), params.id, body.version, body.reason);
    return ok;
  });
  route(app, listRoutes.report, async (request, { params, body }) =>
    lists.workflow.report(actorOf(request), params.id, body),
  );
  route(app, listRoutes.completeMilestone, async (request, { params, body }) => {
    await lists.workflow.completeMilestone(actorOf(request), params.id, params.milestoneId, body);
    return ok;
  });
  route(app, listRoutes.requestAdjustment, async (request, { params, body }) =>
    lists.workflow.requestAdjustment(actorOf(request), params.id, body),
  );
  route(app, listRoutes.decideAdjustment, async (request, { params, body }) =>
    lists.workflow.decideAdjustment(actorOf(request), params.id, body),
  );
  route(app, listRoutes.issueNotice, async (request, { params, body }) =>
    lists.notices.issueNotice(actorOf(request), params.id, body),
  );
  route(app, listRoutes.answerNotice, async (request, { params, body }) => {
    await lists.notices.answerNotice(actorOf(request), params.id, body);
    return ok;
  });
  route(app, listRoutes.resolveProblem, async (request, { params }) => {
    await lists.workflow.resolveProblem(actorOf(request), params.id);
    return ok;
  });
  route(app, listRoutes.reviewAnswer, async (request, { params, body }) => {
    await lists.notices.reviewAnswer(actorOf(request), params.id, body);
    return ok;
  });
  route(app, listRoutes.attach, async (request, { params, query }) => {
    // One file per upload: a second one is refused, never silently dropped.
    let file: { fileName: string; data: Buffer } | null = null;
    let extra = 0;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        if (file === null) file = { fileName: part.filename, data: await part.toBuffer() };
        else {
          extra++;
          part.file.resume();
        }
      }
    } catch (e) {
      // The multipart limit of one file per request stops a second one here.
      if ((e as { code?: string }).code !== 'FST_FILES_LIMIT') throw e;
      extra = Math.max(extra, 1);
    }
    if (!file) throw new AppError('VALIDATION', undefined, [{ field: 'file', ...bilingual('请选择文件', 'no file') }]);
    if (extra > 0)
      throw new AppError('VALIDATION', undefined, [
        {
          field: 'file',
          ...bilingual('一次只能上传一个文件', 'one file per upload'),
        },
      ]);
    return lists.workflow.attach(actorOf(request), params.id, file, query.reportId ?? null);
  });
  r.get(
    '/api/v1/lists/attachments/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '下载附件 Download an attachment (never inline)', params: idParams },
    },
    async (request, reply) => {
      const f = await lists.views.download(actorOf(request), request.params.id);
      return sendFile(reply, f.data, f.fileName, f.contentType);
    },
  );

  route(app, listRoutes.todos, async (request) => lists.views.todos(actorOf(request)));
  route(app, listRoutes.leaderView, async (request, { query }) => lists.views.leaderView(actorOf(request), query));
  route(app, listRoutes.unitView, async (request, { params, query }) =>
    lists.views.unitView(actorOf(request), params.id, query.year ?? thisYear()),
  );
  route(app, listRoutes.records, async (request, { query }) =>
    lists.views.unitRecords(actorOf(request), query.year ?? thisYear()),
  );
  route(app, listRoutes.monthlySummary, async (request, { query }) =>
    lists.views.monthlySummary(actorOf(request), query.period),
  );
  route(app, listRoutes.runWarnings, async () => lists.warnings.runDaily(ctx.clock.now()));
  route(app, listRoutes.rules, async () => lists.rules());
  route(app, listRoutes.setRules, async (request, { body }) => lists.setRules(body));
}
