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

/**
 * A field issue's message in both languages: `text` for the web app, `message` the Chinese one. Spread it into the
 * issue; never join the two languages into one string.
 *
 * @example { field: 'entries.0.value', ...bilingual('不能小于 0', 'below the minimum 0') }
 *   → { field: 'entries.0.value', message: '不能小于 0', text: { zh: '不能小于 0', en: 'below the minimum 0' } }
 */
export function bilingual(zh: string, en: string): { message: string; text: { zh: string; en: string } } {
  return { message: zh, text: { zh, en } };
}

/** The same, from a message already held in both languages. */
export const textOf = (m: { zh: string; en: string }) => bilingual(m.zh, m.en);

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
