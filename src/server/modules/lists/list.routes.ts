import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../domain/lists/dates.ts';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { bilingual, AppError } from '../../errors.ts';
import { sendDownload } from '../../http/download.ts';
import { UploadGate } from '../../uploads/upload-gate.ts';
import { idSchema, okSchema, yearQuerySchema } from '../../../shared/api/common.ts';
import {
  adjustmentRequestSchema,
  answerNoticeSchema,
  decideAdjustmentSchema,
  importResultSchema,
  issueNoticeSchema,
  itemDetailSchema,
  unmaskQuerySchema,
  itemInputSchema,
  leaderViewSchema,
  listCountsSchema,
  listFilterSchema,
  listResponseSchema,
  listRulesSchema,
  milestoneCompleteSchema,
  monthSchema,
  monthlySummarySchema,
  reportRequestSchema,
  returnCompletionSchema,
  reviewAnswerSchema,
  runWarningsResultSchema,
  todosResponseSchema,
  unitRecordSchema,
  unitViewSchema,
  updateDraftSchema,
  versionBodySchema,
} from '../../../shared/api/lists.ts';
import type { ListWarningJob } from './list.warnings.service.ts';
import type { ListWorkflowService } from './list.workflow.service.ts';

const REPORTERS = ['departmentReporter', 'districtReporter'] as const;
const COORDINATOR = ['coordinator'] as const;
const SUPERVISORS = ['coordinator', 'leader'] as const;
const CLOSERS = ['reviewer', 'coordinator'] as const;

const idParams = z.object({ id: idSchema });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, data: Buffer, fileName: string, contentType: string) {
  return sendDownload(reply, { contentType, fileName, body: data });
}

/** How often the server looks whether a new day has begun and the daily warning run is due. */
const DAILY_CHECK_MS = 10 * 60 * 1000;

/**
 * The daily warning run: when the server starts listening, and then whenever the (clock's) day has changed since the
 * last run. Not started by tests that inject requests without listening; they call the run themselves.
 */
export function scheduleDailyWarnings(
  app: FastifyInstance,
  job: Pick<ListWarningJob, 'runDaily'> | { runDaily(at: Date): Promise<unknown> },
  now: () => Date,
  label = 'list',
): void {
  let lastDay: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  const check = () => {
    const at = now();
    const day = chinaDate(at);
    if (day === lastDay) return;
    lastDay = day;
    job.runDaily(at).then(
      (r) => {
        app.log.info({ [label]: r }, `daily ${label} warnings`);
      },
      (e: unknown) => {
        lastDay = null;
        app.log.error(e, `daily ${label} warnings failed`);
      },
    );
  };
  app.addHook('onListen', async () => {
    check();
    timer = setInterval(check, DAILY_CHECK_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}

export function registerListRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const uploads = UploadGate.of(ctx.config);
  const tags = ['lists'];
  const lists = ctx.lists;
  scheduleDailyWarnings(app, lists.warnings, () => ctx.clock.now());

  r.get(
    '/api/v1/lists/items',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '四张清单 The lists, filtered',
        querystring: listFilterSchema,
        response: { 200: listResponseSchema },
      },
    },
    async (request) => lists.views.list(actorOf(request), request.query),
  );
  r.get(
    '/api/v1/lists/counts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '清单计数 Counts by list and colour (cockpit)',
        querystring: listFilterSchema,
        response: { 200: listCountsSchema },
      },
    },
    async (request) => lists.views.counts(actorOf(request), request.query),
  );
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
  r.post(
    '/api/v1/lists/import',
    {
      config: { access: COORDINATOR },
      schema: { tags, summary: '导入草稿 Import drafts from a filled template', response: { 200: importResultSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return uploads.receiveXlsx(request, actor.userId, (file) => lists.workflow.importXlsx(actor, file));
    },
  );
  r.post(
    '/api/v1/lists/items',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '新建草稿 Create a draft',
        body: itemInputSchema,
        response: { 200: z.object({ id: z.string(), code: z.string() }) },
      },
    },
    async (request) =>
      (await lists.workflow.createDrafts(actorOf(request), [request.body]))[0] as { id: string; code: string },
  );
  r.get(
    '/api/v1/lists/items/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '事项详情（责任人默认脱敏）Item page (persons in charge masked unless ?unmask=1)',
        params: idParams,
        querystring: unmaskQuerySchema,
        response: { 200: itemDetailSchema },
      },
    },
    async (request) => lists.views.detail(actorOf(request), request.params.id, request.query.unmask === '1'),
  );
  r.put(
    '/api/v1/lists/items/:id',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '修改草稿 Edit a draft',
        params: idParams,
        body: updateDraftSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await lists.workflow.updateDraft(actorOf(request), request.params.id, request.body.version, request.body.item);
      return { ok: true as const };
    },
  );
  r.delete(
    '/api/v1/lists/items/:id',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '删除草稿 Delete a draft',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await lists.workflow.deleteDraft(actorOf(request), request.params.id, request.query.version);
      return { ok: true as const };
    },
  );

  const step = (
    path: string,
    access: readonly ('coordinator' | 'leader' | 'reviewer' | 'departmentReporter' | 'districtReporter')[],
    summary: string,
    run: (
      s: ListWorkflowService,
      actor: ReturnType<typeof actorOf>,
      id: string,
      body: z.infer<typeof versionBodySchema>,
    ) => Promise<void>,
  ) =>
    r.post(
      `/api/v1/lists/items/:id/${path}`,
      {
        config: { access },
        schema: { tags, summary, params: idParams, body: versionBodySchema, response: { 200: okSchema } },
      },
      async (request) => {
        await run(lists.workflow, actorOf(request), request.params.id, request.body);
        return { ok: true as const };
      },
    );
  step('issue', COORDINATOR, '下发 Issue', (s, a, id, b) => s.issue(a, id, b.version, b.note));
  step('acknowledge', REPORTERS, '签收 Acknowledge', (s, a, id, b) => s.acknowledge(a, id, b.version, b.note));
  step('request-completion', REPORTERS, '申请销号 Request completion', (s, a, id, b) =>
    s.requestCompletion(a, id, b.version, b.note),
  );
  step('close', CLOSERS, '审核销号 Close', (s, a, id, b) => s.close(a, id, b.version, b.note));

  r.post(
    '/api/v1/lists/items/:id/return-completion',
    {
      config: { access: CLOSERS },
      schema: {
        tags,
        summary: '退回销号申请 Return a completion request',
        params: idParams,
        body: returnCompletionSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await lists.workflow.returnCompletion(
        actorOf(request),
        request.params.id,
        request.body.version,
        request.body.reason,
      );
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/lists/items/:id/reports',
    {
      config: { access: REPORTERS },
      schema: {
        tags,
        summary: '报送月度进展 Report progress',
        params: idParams,
        body: reportRequestSchema,
        response: { 200: z.object({ reportId: z.string() }) },
      },
    },
    async (request) => lists.workflow.report(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/lists/items/:id/milestones/:milestoneId/complete',
    {
      config: { access: REPORTERS },
      schema: {
        tags,
        summary: '完成节点 Complete a milestone',
        params: z.object({ id: idSchema, milestoneId: idSchema }),
        body: milestoneCompleteSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await lists.workflow.completeMilestone(
        actorOf(request),
        request.params.id,
        request.params.milestoneId,
        request.body,
      );
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/lists/items/:id/adjustments',
    {
      config: { access: [...REPORTERS, 'coordinator'] },
      schema: {
        tags,
        summary: '申请调整或撤销 Request an adjustment',
        params: idParams,
        body: adjustmentRequestSchema,
        response: { 200: z.object({ adjustmentId: z.string() }) },
      },
    },
    async (request) => lists.workflow.requestAdjustment(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/lists/adjustments/:id/decide',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: '审批调整 Decide on an adjustment',
        params: idParams,
        body: decideAdjustmentSchema,
        response: { 200: z.object({ approved: z.boolean() }) },
      },
    },
    async (request) => lists.workflow.decideAdjustment(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/lists/items/:id/notices',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: '下发督办单 Issue a supervision notice',
        params: idParams,
        body: issueNoticeSchema,
        response: { 200: z.object({ noticeId: z.string(), code: z.string() }) },
      },
    },
    async (request) => lists.notices.issueNotice(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/lists/notices/:id/answer',
    {
      config: { access: REPORTERS },
      schema: {
        tags,
        summary: '答复督办单 Answer a notice',
        params: idParams,
        body: answerNoticeSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await lists.notices.answerNotice(actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/lists/problems/:id/resolve',
    {
      config: { access: [...REPORTERS, 'coordinator'] },
      schema: { tags, summary: '问题已解决 Mark a problem solved', params: idParams, response: { 200: okSchema } },
    },
    async (request) => {
      await lists.workflow.resolveProblem(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/lists/notices/:id/review',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: '审核督办答复 Review an answer',
        params: idParams,
        body: reviewAnswerSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await lists.notices.reviewAnswer(actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/lists/items/:id/attachments',
    {
      config: { access: [...REPORTERS, 'coordinator'] },
      schema: {
        tags,
        summary: '上传附件 Attach evidence (multipart)',
        params: idParams,
        querystring: z.object({ reportId: idSchema.optional() }),
        response: { 200: z.object({ id: z.string(), fileName: z.string(), size: z.number() }) },
      },
    },
    async (request) => {
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
      if (!file)
        throw new AppError('VALIDATION', undefined, [{ field: 'file', ...bilingual('请选择文件', 'no file') }]);
      if (extra > 0)
        throw new AppError('VALIDATION', undefined, [
          {
            field: 'file',
            ...bilingual('一次只能上传一个文件', 'one file per upload'),
          },
        ]);
      return lists.workflow.attach(actorOf(request), request.params.id, file, request.query.reportId ?? null);
    },
  );
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

  r.get(
    '/api/v1/lists/todos',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我的待办 My to-dos', response: { 200: todosResponseSchema } },
    },
    async (request) => lists.views.todos(actorOf(request)),
  );
  r.get(
    '/api/v1/lists/leader-view',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '按责任领导 Items by leader and colour',
        querystring: listFilterSchema,
        response: { 200: leaderViewSchema },
      },
    },
    async (request) => lists.views.leaderView(actorOf(request), request.query),
  );
  r.get(
    '/api/v1/lists/units/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '单位视图 A unit’s items and record',
        params: idParams,
        querystring: z.object({ year: yearQuerySchema.optional() }),
        response: { 200: unitViewSchema },
      },
    },
    async (request) =>
      lists.views.unitView(
        actorOf(request),
        request.params.id,
        request.query.year ?? Number(chinaDate(ctx.clock.now()).slice(0, 4)),
      ),
  );
  r.get(
    '/api/v1/lists/records',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '单位履责记录 Unit records and scores',
        querystring: z.object({ year: yearQuerySchema.optional() }),
        response: { 200: z.array(unitRecordSchema) },
      },
    },
    async (request) =>
      lists.views.unitRecords(actorOf(request), request.query.year ?? Number(chinaDate(ctx.clock.now()).slice(0, 4))),
  );
  r.get(
    '/api/v1/lists/summary/monthly',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '月度进展汇总 Monthly progress summary (bulletin)',
        querystring: z.object({ period: monthSchema }),
        response: { 200: monthlySummarySchema },
      },
    },
    async (request) => lists.views.monthlySummary(actorOf(request), request.query.period),
  );
  r.post(
    '/api/v1/lists/warnings/run',
    {
      config: { access: COORDINATOR },
      schema: { tags, summary: '立即计算预警 Run the daily warnings now', response: { 200: runWarningsResultSchema } },
    },
    async () => lists.warnings.runDaily(ctx.clock.now()),
  );
  r.get(
    '/api/v1/lists/rules',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '预警规则 Warning rules', response: { 200: listRulesSchema } },
    },
    async () => lists.rules(),
  );
  r.put(
    '/api/v1/lists/rules',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '修改预警规则 Change the rules',
        body: listRulesSchema,
        response: { 200: listRulesSchema },
      },
    },
    async (request) => lists.setRules(request.body),
  );
}
