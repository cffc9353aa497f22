import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, bilingual, RateLimitedError, textOf } from '../errors.ts';
import { ERRORS, issueText, type ErrorBody, type FieldIssue } from '../../shared/errors.ts';

/** A schema's message in both languages (issueText, src/shared/errors.ts), spread into a field issue. */
export function zodText(message: string | undefined): { message: string; text: { zh: string; en: string } } {
  return textOf(issueText(message));
}

/** The JSON body of an error answer: the catalogue's code and its messages (zh, en), with the fields at fault. */
export function errorBody(
  code: keyof typeof ERRORS,
  message?: string,
  messageEn?: string,
  details?: FieldIssue[],
): ErrorBody {
  return {
    error: {
      code,
      message: message ?? ERRORS[code].zh,
      messageEn: messageEn ?? ERRORS[code].en,
      ...(details ? { details } : {}),
    },
  };
}

/**
 * The one error handler: an AppError answers with its status and code; a schema failure is a 400 naming each field;
 * Fastify's own client errors keep their status without internals; anything else is logged and answered 500.
 */
export async function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.status(error.status).send(errorBody(error.code, error.message, error.messageEn, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => {
      const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const field = where || String((v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ?? '');
      // One convention everywhere (src/shared/errors.ts FieldIssue): the path inside the request part, as the
      // services write it (`entries.0.value`, `period`); the part's name only when the whole part is wrong.
      return { field: field || (error.validationContext ?? 'body'), ...zodText(v.message) };
    });
    return reply.status(400).send(errorBody('VALIDATION', undefined, undefined, details));
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) {
    return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE'));
  }
  if (typeof e.code === 'string' && e.code.startsWith('FST_STATIC_')) {
    // A path the static files refuse (`/../../etc/passwd`, an overlong name): there is nothing there.
    return reply.status(404).send(errorBody('NOT_FOUND'));
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own 4xx (malformed JSON, wrong content type…): a client error, said without internals.
    return reply
      .status(e.statusCode)
      .send(
        errorBody('BAD_REQUEST', undefined, undefined, [
          { field: 'body', ...bilingual('请求格式错误', `malformed request (${e.code ?? e.statusCode})`) },
        ]),
      );
  }
  request.log.error(error);
  return reply.status(500).send(errorBody('INTERNAL'));
}
