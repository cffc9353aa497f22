import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { errorBody, errorHandler } from './http/error-handler.ts';
import './http/request.ts';
import type { RouteAccess } from './http/route-access.ts';
import { staticHeaders } from './http/static-files.ts';
import { PROBE_ROUTES, registerHealthRoutes } from './http/health.routes.ts';
import { registerSecurityHooks, SESSION_COOKIE } from './security/http-hooks.ts';
import { tlsOptions } from './security/tls.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerSecurityRoutes } from './modules/security/security.routes.ts';
import { registerOrgRoutes } from './modules/org/org.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerFrameworkRoutes } from './modules/frameworks/framework.routes.ts';
import { registerValueRoutes } from './modules/values/value.routes.ts';
import { registerEvaluationRoutes } from './modules/evaluation/evaluation.routes.ts';
import { registerCockpitRoutes } from './modules/cockpit/cockpit.routes.ts';
import { registerRoundRoutes } from './modules/rounds/round.routes.ts';
import { registerHouseholdCaseRoutes } from './modules/households/case.routes.ts';
import { registerExcelRoutes } from './modules/excel/excel.routes.ts';
import { registerHouseholdStatisticsRoutes } from './modules/households/household-statistics.routes.ts';
import { registerListRoutes } from './modules/lists/list.routes.ts';
import { registerProjectRoutes } from './modules/projects/project.routes.ts';
import { registerProjectExcelRoutes } from './modules/projects/project.excel.ts';
import { registerBulletinRoutes } from './modules/bulletin/bulletin.routes.ts';
import { registerHouseholdRoutes } from './modules/households/household.routes.ts';
import { registerHouseholdImportRoutes } from './modules/households/household-import.routes.ts';
import { registerExchangeRoutes } from './modules/exchange/exchange.routes.ts';
import { registerMetrics } from './metrics/metrics.routes.ts';

export type App = FastifyInstance & { withTypeProvider: FastifyInstance['withTypeProvider'] };
export type TypedApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}) {
  const options: FastifyServerOptions = {
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: ctx.config.bodyLimit,
    // Only a proxy the operator names may say who the client is (X-Forwarded-For) and that it used HTTPS.
    trustProxy: ctx.config.trustProxy,
  };
  // With TLS_CERT_FILE/TLS_KEY_FILE the server speaks HTTPS itself; its routes and hooks are the same, so the
  // instance keeps the plain-HTTP type the modules are written against.
  const https = tlsOptions(ctx.config);
  if (https) Object.assign(options, { https });
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('apiRoutes', [] as { method: string; url: string; access: RouteAccess }[]);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('mfaEnrolmentRequired', false);
  app.decorateRequest('passwordResetPending', false);
  app.decorateRequest('apiToken', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimit, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongfu 共富 API', version: '1' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'gft_…',
            description:
              '服务账户的 API 令牌（由系统管理员签发，只显示一次；有名称和有效期，可吊销；每个令牌单独限流）。' +
              '以 `Authorization: Bearer gft_…` 发送，无需 CSRF 令牌；令牌可调用其角色允许的 GET 接口和数据交换接口。 ' +
              "A service account's API token (issued by the system administrator, shown once; named, with an expiry, " +
              'revocable; rate-limited per token). Send `Authorization: Bearer gft_…`, no CSRF token; a token may call ' +
              'the GET routes its role may call and the exchange routes.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && !(PROBE_ROUTES as readonly string[]).includes(route.url)) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') app.apiRoutes.push({ method: String(m), url: route.url, access });
  });

  // Security headers, the session, the access rule of each route, and the request's audit record.
  registerSecurityHooks(app, ctx);
  registerMetrics(app, ctx);

  // Background jobs start with the server listening (tests that inject requests run them themselves) and stop,
  // letting those under way finish, when it closes.
  ctx.jobs.instrument({
    info: (detail, message) => app.log.info(detail, message),
    error: (e, message) => app.log.error(e, message),
    ran: (queue, outcome, seconds) => ctx.metrics.job(queue, outcome, seconds),
  });
  app.addHook('onListen', async () => {
    await ctx.jobs.start();
  });
  app.addHook('onClose', async () => {
    await ctx.jobs.stop();
  });

  app.setErrorHandler(errorHandler);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || !fs.existsSync(path.join(ctx.config.webDist, 'index.html'))) {
      return reply.status(404).send(errorBody('NOT_FOUND'));
    }
    // The web app routes on the client: every other path gets its index.html.
    return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });

  // JSON and text answers are compressed when the client accepts it (brotli at a fast level, gzip); answers that
  // already carry an encoding (the web app's precompressed files, the cockpit's cached compressed body) pass as
  // they are. Compressed request bodies are not accepted: an upload is inflated only by the upload gate's checks.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
  if (fs.existsSync(ctx.config.webDist)) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart. The build writes
    // .br and .gz beside each file (vite.config.ts); hashed assets are cached for a year, index.html never.
    await app.register(fastifyStatic, {
      root: ctx.config.webDist,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: staticHeaders(ctx.config.webDist),
    });
  }

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ ok: true }));

  registerHealthRoutes(app, ctx.db);
  registerAuthRoutes(app, ctx);
  registerSecurityRoutes(app, ctx);
  registerOrgRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerFrameworkRoutes(app, ctx);
  registerValueRoutes(app, ctx);
  registerRoundRoutes(app, ctx);
  registerEvaluationRoutes(app, ctx);
  registerCockpitRoutes(app, ctx);
  registerExcelRoutes(app, ctx);
  registerListRoutes(app, ctx);
  registerHouseholdStatisticsRoutes(app, ctx);
  registerBulletinRoutes(app, ctx);
  registerHouseholdCaseRoutes(app, ctx);
  registerProjectExcelRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerHouseholdRoutes(app, ctx);
  registerHouseholdImportRoutes(app, ctx);
  registerExchangeRoutes(app, ctx);
  return app;
}

export type Server = Awaited<ReturnType<typeof buildApp>>;
