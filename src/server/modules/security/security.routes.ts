import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { sendDownload } from '../../http/download.ts';
import { DUTY } from '../../../domain/duties.ts';
import { XLSX_MIME } from '../excel/excel.style.ts';
import { authRoutes } from '../../../shared/api/auth.ts';
import { auditFilterSchema, securityRoutes } from '../../../shared/api/security.ts';

function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '').replace('T', '-');
}

/** The security administrator's policy, the audit administrator's trail, and every user's own second factor. */
export function registerSecurityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  route(app, securityRoutes.policy, async () => ctx.policy.current());
  // The policy's own schema in the service checks the bounds and says them in both languages.
  route(app, securityRoutes.setPolicy, async (_request, { body }) => ctx.policy.update(body));
  route(app, securityRoutes.alerts, async (_request, { query }) => ctx.alerts.list({ all: query.all === 'true' }));
  route(app, securityRoutes.acknowledgeAlert, async (request, { params, body }) =>
    ctx.alerts.acknowledge(actorOf(request), params.id, body.note ?? null),
  );
  route(app, securityRoutes.audit, async (_request, { query }) => ctx.audit.search(query));
  r.get(
    '/api/v1/audit/export.csv',
    {
      config: { access: DUTY.audit },
      schema: { tags: ['audit'], summary: '导出审计记录 (CSV) Export the audit trail', querystring: auditFilterSchema },
    },
    async (request, reply) =>
      sendDownload(reply, {
        contentType: 'text/csv; charset=utf-8',
        fileName: `audit-${stamp(ctx.clock.now())}.csv`,
        body: ctx.audit.csv(request.query),
      }),
  );
  r.get(
    '/api/v1/audit/export.xlsx',
    {
      config: { access: DUTY.audit },
      schema: {
        tags: ['audit'],
        summary: '导出审计记录 (xlsx) Export the audit trail',
        querystring: auditFilterSchema,
      },
    },
    async (request, reply) =>
      sendDownload(reply, {
        contentType: XLSX_MIME,
        fileName: `audit-${stamp(ctx.clock.now())}.xlsx`,
        body: await ctx.audit.xlsx(request.query),
      }),
  );
  route(app, securityRoutes.verify, async (_request, { query }) => ctx.audit.verify(query.anchor));

  route(app, authRoutes.mfaStart, async (request, { body }) => ctx.mfa.start(actorOf(request), body.password));
  route(app, authRoutes.mfaConfirm, async (request, { body }) =>
    ctx.mfa.confirm(actorOf(request), body.otp, body.password),
  );
  route(app, authRoutes.mfaDisable, async (request, { body }) => {
    await ctx.mfa.disable(actorOf(request), body.password, body.otp);
    return { ok: true as const };
  });
}
