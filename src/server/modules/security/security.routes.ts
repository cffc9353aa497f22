import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { sendDownload } from '../../http/download.ts';
import { DUTY } from '../../security/duties.ts';
import { XLSX_MIME } from '../excel/excel.style.ts';
import {
  mfaConfirmRequestSchema,
  mfaConfirmResponseSchema,
  mfaDisableRequestSchema,
  mfaStartRequestSchema,
  mfaStartResponseSchema,
} from '../../../shared/api/auth.ts';
import { okSchema } from '../../../shared/api/common.ts';
import {
  auditFilterSchema,
  auditPageSchema,
  auditSearchSchema,
  auditVerifyQuerySchema,
  auditVerifySchema,
  acknowledgeAlertSchema,
  securityAlertListQuerySchema,
  securityAlertListSchema,
  securityAlertSchema,
  securityPolicySchema,
} from '../../../shared/api/security.ts';
import { z } from 'zod';

function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '').replace('T', '-');
}

/** The security administrator's policy, the audit administrator's trail, and every user's own second factor. */
export function registerSecurityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/security/policy',
    {
      config: { access: DUTY.authorisation },
      schema: { tags: ['security'], summary: '安全策略 Security policy', response: { 200: securityPolicySchema } },
    },
    async () => ctx.policy.current(),
  );
  r.put(
    '/api/v1/security/policy',
    {
      config: { access: DUTY.authorisation },
      // The body is checked by the policy's own schema in the service, which knows the bounds and says them in both languages.
      schema: {
        tags: ['security'],
        summary: '修改安全策略 Change the security policy',
        body: securityPolicySchema,
        response: { 200: securityPolicySchema },
      },
    },
    async (request) => ctx.policy.update(request.body),
  );

  r.get(
    '/api/v1/security/alerts',
    {
      config: { access: DUTY.alerts },
      schema: {
        tags: ['security'],
        summary: '安全告警 Security alerts (open ones, or all with ?all=true)',
        querystring: securityAlertListQuerySchema,
        response: { 200: securityAlertListSchema },
      },
    },
    async (request) => ctx.alerts.list({ all: request.query.all === 'true' }),
  );
  r.post(
    '/api/v1/security/alerts/:id/acknowledge',
    {
      config: { access: DUTY.authorisation },
      schema: {
        tags: ['security'],
        summary: '处理安全告警 Acknowledge a security alert',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: acknowledgeAlertSchema,
        response: { 200: securityAlertSchema },
      },
    },
    async (request) => ctx.alerts.acknowledge(actorOf(request), request.params.id, request.body.note ?? null),
  );

  r.get(
    '/api/v1/audit',
    {
      config: { access: DUTY.audit },
      schema: {
        tags: ['audit'],
        summary: '查询审计记录 Search the audit trail',
        querystring: auditSearchSchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => ctx.audit.search(request.query),
  );
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
  r.get(
    '/api/v1/audit/verify',
    {
      config: { access: DUTY.audit },
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链 Verify the hash chain',
        querystring: auditVerifyQuerySchema,
        response: { 200: auditVerifySchema },
      },
    },
    async (request) => ctx.audit.verify(request.query.anchor),
  );

  // A second factor is bound before a forced password change (a first sign-in), but not with a reset password.
  const own = {
    access: 'authenticated' as const,
    allowPasswordChangePending: true,
    allowMfaEnrolmentPending: true,
    refusedWhileResetPending: true,
  };
  r.post(
    '/api/v1/auth/mfa/start',
    {
      config: own,
      schema: {
        tags: ['auth'],
        summary: '开始绑定动态验证码（须当前密码）Start second-factor enrolment (current password)',
        body: mfaStartRequestSchema,
        response: { 200: mfaStartResponseSchema },
      },
    },
    async (request) => ctx.mfa.start(actorOf(request), request.body.password),
  );
  r.post(
    '/api/v1/auth/mfa/confirm',
    {
      config: own,
      schema: {
        tags: ['auth'],
        summary: '确认绑定 Confirm enrolment with a code',
        body: mfaConfirmRequestSchema,
        response: { 200: mfaConfirmResponseSchema },
      },
    },
    async (request) => ctx.mfa.confirm(actorOf(request), request.body.otp, request.body.password),
  );
  r.post(
    '/api/v1/auth/mfa/disable',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '停用动态验证码 Switch the second factor off',
        body: mfaDisableRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.mfa.disable(actorOf(request), request.body.password, request.body.otp);
      return { ok: true as const };
    },
  );
}
