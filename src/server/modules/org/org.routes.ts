import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { route } from '../../http/route.ts';
import { orgRoutes } from '../../../shared/api/org.ts';

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, orgRoutes.units, async () => [...ctx.org().byId.values()]);
  route(app, orgRoutes.workTeams, async () =>
    (await ctx.orgRepo.listWorkTeams()).map((t) => ({
      id: t.id,
      name: t.name,
      nameEn: t.name_en,
      group: t.grp,
      sort: t.sort,
    })),
  );
}
