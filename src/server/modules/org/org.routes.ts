import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { orgUnitSchema, workTeamSchema } from '../../../shared/api/org.ts';

/** The org tree and the work teams are not secret: every signed-in user reads them to name things. */
export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/org-units',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['org'], summary: '组织机构树 Org units', response: { 200: z.array(orgUnitSchema) } },
    },
    async () => [...ctx.org().byId.values()],
  );
  r.get(
    '/api/v1/work-teams',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['org'], summary: '工作专班 Work teams', response: { 200: z.array(workTeamSchema) } },
    },
    async () =>
      (await ctx.orgRepo.listWorkTeams()).map((t) => ({
        id: t.id,
        name: t.name,
        nameEn: t.name_en,
        group: t.grp,
        sort: t.sort,
      })),
  );
}
