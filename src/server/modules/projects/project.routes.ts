import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { projectRoutes as r } from '../../../shared/api/projects.ts';
import { PUBLISHED_FIGURES } from './project.service.ts';
import { toProjectDetail, toProjectRow, toReturn } from './project.mapper.ts';

const DEFINITIONS = {
  zh: '省市重点项目：列入当年年度计划的省、市重点项目；本年完成投资为各项目截至当月最近一期已审核月报的本年累计；完成率=本年完成投资÷年度计划投资；序时进度=月份÷12；新开工、竣工为当年实际开工、竣工的省市重点项目数；储备项目为处于储备、前期阶段的全部项目（按总投资）。单位：万元。',
  en: 'Key projects: provincial and city key projects in the year’s plan; the year to date of each is that of its latest approved return of the year up to the month; rate = year to date ÷ annual plan; time-elapsed progress = month ÷ 12; new starts and completions: key projects started or completed in the year; the reserve: every project at the reserve or preparation stage (at its total investment). Amounts in 万元.',
};

export function registerProjectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const org = () => ctx.org();
  route(app, r.search, async (request, { query }) => {
    const page = await ctx.projects.search(actorOf(request), query);
    return {
      rows: page.views.map((v) => toProjectRow(v, org())),
      total: page.total,
      page: query.page,
      pageSize: query.pageSize,
      month: page.month,
      year: page.year,
    };
  });
  route(app, r.settings, async () => ({ ...ctx.projects.settings(), ledgerStart: await ctx.projects.ledgerStart() }));
  route(app, r.aggregates, async (request, { query }) => {
    const a = await ctx.projects.aggregates(actorOf(request), query.month);
    return {
      month: a.month,
      definitions: DEFINITIONS,
      units: a.units,
      published: PUBLISHED_FIGURES.map((p) => ({ ...p, unitId: org().root()?.id ?? 'city' })),
    };
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
