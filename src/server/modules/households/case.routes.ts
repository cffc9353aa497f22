import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { CASE_ROLES, householdCaseRoutes as r } from '../../../shared/api/household-cases.ts';
import { z } from 'zod';
import { sendDownload } from '../../http/download.ts';
import { validation } from '../../errors.ts';
import { zodText } from '../../http/error-handler.ts';
import { toCaseDetail } from './case.mapper.ts';

const noticeQuery = z.object({ village: z.string().min(1).max(64), format: z.enum(['xlsx', 'docx']) });

export function registerHouseholdCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/household-cases/public-notice',
    {
      config: { access: CASE_ROLES.filter((x) => x === 'villageCadre' || x === 'townshipOfficer') },
      schema: { tags: ['household-cases'], summary: '村级公示 Village public notice (.xlsx / .docx)' },
    },
    async (request, reply) => {
      const q = noticeQuery.safeParse(request.query);
      if (!q.success) throw validation(q.error.issues.map((i) => ({ field: i.path.join('.'), ...zodText(i.message) })));
      const f = await ctx.householdCases.publicNotice(actorOf(request), q.data.village, q.data.format);
      return sendDownload(reply, {
        contentType:
          q.data.format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        fileName: f.fileName,
        asciiFileName: `public-notice.${q.data.format}`,
        body: f.body,
      });
    },
  );
  route(app, r.dataMatch, async (request, { body }) => ctx.householdCases.dataMatch(actorOf(request), body));
  route(app, r.runWarnings, async () => ctx.householdCases.runDaily(ctx.clock.now()));
  route(app, r.workbench, async (request, { query }) => ctx.householdCases.workbench(actorOf(request), query));
  route(app, r.list, async (request, { query }) =>
    ctx.householdCases.list(actorOf(request), {
      ...query,
      overdue: query.overdue === 'true',
      mine: query.mine === 'true',
    }),
  );
  route(app, r.ofHousehold, async (request, { params }) => ctx.householdCases.ofHousehold(actorOf(request), params.id));
  route(app, r.detail, async (request, { params, query }) => {
    const actor = actorOf(request);
    const d = await ctx.householdCases.detail(actor, params.id, query.reason);
    return toCaseDetail(d, await ctx.householdCases.rowOf(actor, d.case));
  });
  route(app, r.open, async (request, { body }) => ctx.householdCases.open(actorOf(request), body));
  route(app, r.act, async (request, { params, body }) =>
    ctx.householdCases.act(actorOf(request), params.id, body.action, body),
  );
  route(app, r.clearing, async (request, { query }) =>
    ctx.householdCases.clearing(actorOf(request), query.level, query.under),
  );
  route(app, r.rules, async () => ctx.householdCases.rulesView());
  route(app, r.updateRules, async (request, { body }) => ctx.householdCases.updateRules(actorOf(request), body));
  route(app, r.trend, async (request, { query }) => ctx.householdCases.trend(actorOf(request).viewScope, query.months));
}
