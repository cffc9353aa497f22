import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is calling and from where, for the duration of one API request. The audit trail needs it deep inside services
 * and repositories (a value's history row knows the user id, not the address), and threading it through every
 * signature would be noise that one forgotten call silently drops. The app enters it in a preHandler hook
 * (src/server/security/http-hooks.ts), after the body is parsed: code that runs for the handler sees it, code that
 * runs outside a request (the command line, start-up) sees undefined.
 */
export interface RequestContext {
  /** Fastify's request id: links the service's audit records to the request's own record. */
  requestId: string;
  ip: string;
  userId: string | null;
  username: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` with `context` as the current request. Everything `fn` starts — awaits, callbacks, timers — sees it.
 *
 * @example
 * app.addHook('preHandler', (request, _reply, done) => runInRequest({ requestId: request.id, … }, done));
 */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request being served, or undefined outside one. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
