import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { preserializedRoute, route } from '../../http/route.ts';
import { acceptedEncoding } from '../../http/static-files.ts';
import type { AppContext } from '../../context.ts';
import { projectRoutes as r } from '../../../shared/api/projects.ts';
import { PUBLISHED_FIGURES } from './project.service.ts';
import { toProjectDetail, toProjectRow, toReturn } from './project.mapper.ts';
import { ProjectAnswerCache } from './project.answers.ts';

const DEFINITIONS = {
  zh: '省市重点项目：列入当年年度计划的省、市重点项目；本年完成投资为各项目截至当月最近一期已审核月报的本年累计；完成率=本年完成投资÷年度计划投资；序时进度=月份÷12；新开工、竣工为当年实际开工、竣工的省市重点项目数；储备项目为处于储备、前期阶段的全部项目（按总投资）。单位：万元。',
  en: 'Key projects: provincial and city key projects in the year’s plan; the year to date of each is that of its latest approved return of the year up to the month; rate = year to date ÷ annual plan; time-elapsed progress = month ÷ 12; new starts and completions: key projects started or completed in the year; the reserve: every project at the reserve or preparation stage (at its total investment). Amounts in 万元.',
};

/** A parsed query with its keys in one order and absent ones left out: one key for one question. */
function normalised(query: object): [string, unknown][] {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The answer as the table's response schema encodes it (what `route()` checks on the way out), as JSON. */
function serialised<S extends z.ZodType>(schema: S, data: z.input<S>): string {
  return JSON.stringify(z.encode(schema, data as z.output<S>));
}

export function registerProjectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const org = () => ctx.org();
  // The table and the aggregates are held serialised (and compressed once per encoding), keyed by what decides
  // them: the reader's scope, the normalised query, the ledger's stamp and the Beijing day (project.answers.ts).
  // The scope is checked on every request before a held answer is sent; a miss is built, checked against the
  // table's response schema and serialised once.
  const answers = new ProjectAnswerCache();
  ctx.events.on('projects.changed', () => answers.clear());
  // The aggregates show the framework's targets.
  ctx.events.on('framework.changed', () => answers.clear());
  const send = async (request: FastifyRequest, reply: FastifyReply, key: string, build: () => Promise<string>) => {
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    const fresh = await ctx.projects.freshness();
    const body = await answers.body(`${key}|${fresh}`, [org(), ctx.access()], build, encoding);
    reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
    // A compressed body carries its encoding, so the global compression passes it as it is.
    if (encoding !== null) reply.header('Content-Encoding', encoding);
    return reply.send(body);
  };
  preserializedRoute(app, r.search, async (request, { query }, reply) => {
    const actor = actorOf(request);
    ctx.projects.assertSearchScope(actor, query);
    // The rows a reader sees are decided by their view scope alone (Access.canSeeProject).
    const scope = [...new Set(actor.viewScope)].sort().join(',');
    const key = JSON.stringify(['search', scope, normalised(query)]);
    return send(request, reply, key, async () => {
      const page = await ctx.projects.search(actor, query);
      return serialised(r.search.response, {
        rows: page.views.map((v) => toProjectRow(v, org())),
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
        month: page.month,
        year: page.year,
      });
    });
  });
  route(app, r.settings, async () => ({ ...ctx.projects.settings(), ledgerStart: await ctx.projects.ledgerStart() }));
  preserializedRoute(app, r.aggregates, async (request, { query }, reply) => {
    const actor = actorOf(request);
    // THE aggregate scope rule (403 for the privileged administrators and an empty scope), on every request.
    const { roots } = ctx.access().aggregateScope(actor);
    const key = JSON.stringify(['aggregates', roots, normalised(query)]);
    return send(request, reply, key, async () => {
      const a = await ctx.projects.aggregates(actor, query.month);
      return serialised(r.aggregates.response, {
        month: a.month,
        definitions: DEFINITIONS,
        units: a.units,
        published: PUBLISHED_FIGURES.map((p) => ({ ...p, unitId: org().root()?.id ?? 'city' })),
      });
    });
  });
  route(app, r.queue, async (request, { query }) => {
    const q = await ctx.projects.queue(actorOf(request), query);
    const today = ctx.projects.today();
    return q.returns.map((x) => {
      const p = q.projects.get(x.project_id);
      return {
        ...toReturn(x, q.problems, [], org(), today, q.people),
        projectCode: p?.code ?? '',
        projectName: p?.name ?? '',
        districtId: p?.district_id ?? '',
        districtName: org().get(p?.district_id ?? '')?.name ?? '',
        planned: q.planOf.get(`${x.project_id}|${x.month.slice(0, 4)}`) ?? null,
      };
    });
  });
  route(app, r.detail, async (request, { params }) =>
    toProjectDetail(await ctx.projects.detail(actorOf(request), params.id), org(), ctx.projects.today()),
  );
  route(app, r.create, async (request, { body }) => ctx.projects.create(actorOf(request), body));
  route(app, r.update, async (request, { params, body }) => ctx.projects.update(actorOf(request), params.id, body));
  route(app, r.moveStage, async (request, { params, body }) =>
    ctx.projects.moveStage(actorOf(request), params.id, body),
  );
  route(app, r.requestAdjustment, async (request, { params, body }) =>
    ctx.projects.requestAdjustment(actorOf(request), params.id, body),
  );
  route(app, r.decideAdjustment, async (request, { params, body }) => {
    await ctx.projects.decideAdjustment(actorOf(request), params.id, body);
    return { ok: true as const };
  });
  route(app, r.savePlan, async (request, { params, body }) =>
    ctx.projects.savePlan(actorOf(request), params.id, params.year, body),
  );
  route(app, r.submitPlans, async (request, { body }) => ctx.projects.submitPlans(actorOf(request), body.ids));
  route(app, r.reviewPlans, async (request, { body }) => ctx.projects.reviewPlans(actorOf(request), body));
  route(app, r.reopenPlan, async (request, { params, body }) =>
    ctx.projects.reopenPlan(actorOf(request), params.id, body.reason),
  );
  route(app, r.saveReturn, async (request, { params, body }) =>
    ctx.projects.saveReturn(actorOf(request), params.id, params.month, body),
  );
  route(app, r.submitReturns, async (request, { body }) => ctx.projects.submitReturns(actorOf(request), body.ids));
  route(app, r.reviewReturns, async (request, { body }) => ctx.projects.reviewReturns(actorOf(request), body));
}
