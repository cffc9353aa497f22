import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { RouteContract, RouteRequest } from '../../shared/contract.ts';
import './route-access.ts';

/** The Fastify options a table entry stands for: method, URL, access rule and schemas. */
function optionsOf(contract: RouteContract) {
  return {
    method: contract.method,
    url: `/api/v1${contract.path}`,
    config: {
      access: contract.access,
      ...(contract.allowPasswordChangePending ? { allowPasswordChangePending: true } : {}),
      ...(contract.allowMfaEnrolmentPending ? { allowMfaEnrolmentPending: true } : {}),
      ...(contract.refusedWhileResetPending ? { refusedWhileResetPending: true } : {}),
      ...(contract.allowToken ? { allowToken: true } : {}),
    },
    schema: {
      tags: [...contract.tags],
      summary: contract.summary,
      ...(contract.consumes ? { consumes: [...contract.consumes] } : {}),
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      response: { 200: contract.response },
    },
  } satisfies Partial<RouteOptions>;
}

/**
 * Registers one route of the shared route table: the method, path, schemas and access rule come from the table, so
 * the server cannot answer another shape than the one the web client is typed against. The handler gets the parsed
 * request and returns what the response schema accepts (checked by the type system and, on the way out, by zod).
 *
 * @example route(app, roundRoutes.status, async (req, { params }) => ctx.rounds.status(actorOf(req), params.id));
 */
export function route<C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  handler: (
    request: FastifyRequest,
    input: RouteRequest<C>,
    reply: FastifyReply,
  ) => Promise<z.input<C['response']> | FastifyReply>,
): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...optionsOf(contract),
    handler: async (request, reply) =>
      handler(request, { params: request.params, query: request.query, body: request.body } as RouteRequest<C>, reply),
  });
}

/**
 * A table route whose handler sends bytes it already serialised (a compiled serializer built from the same response
 * schema, cached): they go out as they are, not parsed and validated again by zod. The request is still parsed with
 * the table's schemas, and the web client is typed by the response schema like any other route.
 *
 * @example preserializedRoute(app, valueRoutes.grid, async (req, { query }, reply) => reply.send(await gridBytes(query)));
 */
export function preserializedRoute<C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  handler: (request: FastifyRequest, input: RouteRequest<C>, reply: FastifyReply) => Promise<FastifyReply>,
): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...optionsOf(contract),
    serializerCompiler: () => (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
    handler: async (request, reply) =>
      handler(request, { params: request.params, query: request.query, body: request.body } as RouteRequest<C>, reply),
  });
}
