import { ERRORS, type ErrorCode, type FieldIssue } from '../shared/errors.ts';

/** Every failure the API reports on purpose. Anything else becomes INTERNAL without its stack or SQL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageEn: string;
  readonly details: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: { zh: string; en: string }, details?: FieldIssue[]) {
    super(message?.zh ?? ERRORS[code].zh);
    this.code = code;
    this.status = ERRORS[code].status;
    this.messageEn = message?.en ?? ERRORS[code].en;
    this.details = details;
  }
}

export const notFound = (what: { zh: string; en: string }) =>
  new AppError('NOT_FOUND', { zh: `未找到${what.zh}`, en: `${what.en} not found` });

export const forbidden = () => new AppError('FORBIDDEN');
export const outOfScope = () => new AppError('OUT_OF_SCOPE');

export function validation(details: FieldIssue[], message?: { zh: string; en: string }): AppError {
  return new AppError('VALIDATION', message, details);
}

export const conflict = (what?: { zh: string; en: string }) => new AppError('CONFLICT', what);

/** Too many attempts: answered 429 with a Retry-After header (the error handler sets it). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message?: { zh: string; en: string }) {
    super('RATE_LIMITED', message ?? waitMessage(retryAfterSeconds));
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * "请求过于频繁，请在 4 分 10 秒后再试": the refusal says when to try again, in both languages.
 *
 * @example
 * waitMessage(250) // → { zh: '请求过于频繁，请在 4 分 10 秒后再试', en: 'Too many attempts; try again in 4 min 10 s' }
 */
export function waitMessage(seconds: number): { zh: string; en: string } {
  const s = Math.max(1, Math.ceil(seconds));
  const min = Math.floor(s / 60);
  const sec = s % 60;
  const zh = min > 0 ? `${min} 分${sec > 0 ? ` ${sec} 秒` : '钟'}` : `${sec} 秒`;
  const en = min > 0 ? `${min} min${sec > 0 ? ` ${sec} s` : ''}` : `${sec} s`;
  return { zh: `请求过于频繁，请在 ${zh}后再试`, en: `Too many attempts; try again in ${en}` };
}
