/**
 * The catalogue of API errors: a stable code, its HTTP status, and a default message in both languages.
 * The server answers `{ error: { code, message, messageEn, details? } }`, each detail `{ field, text: { zh, en },
 * message }` (`message` both languages joined, for older callers); the web client shows the message in the user's
 * language and can branch on the code.
 */
export const ERRORS = {
  VALIDATION: { status: 400, zh: '输入有误', en: 'Invalid input' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误', en: 'Malformed request' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  MFA_REQUIRED: { status: 401, zh: '需要输入动态验证码', en: 'A one-time code is required' },
  PASSWORD_RESET_EXPIRED: {
    status: 401,
    zh: '重置的密码已过期，请联系系统管理员重新重置',
    en: 'The reset password has expired; ask the system administrator for a new reset',
  },
  CSRF: { status: 403, zh: '请求来源校验失败，请刷新页面后重试', en: 'Request verification failed; reload the page' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的单位权限范围', en: 'Outside the org units you may access' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改密码（初始密码、重置后或已过期）',
    en: 'Change your password first (initial, reset or expired)',
  },
  MFA_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '请先绑定动态验证码（双因素认证）',
    en: 'Set up your second factor (one-time codes) first',
  },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Changed by someone else; reload and try again' },
  PUBLISHED: {
    status: 409,
    zh: '已发布的内容不能修改，请创建新版本',
    en: 'Published; create a new version to change it',
  },
  LOCKED_PERIOD: { status: 409, zh: '该期数据已锁定', en: 'This period is locked' },
  INVALID_STATE: { status: 409, zh: '当前状态不允许此操作', en: 'Not allowed in the current state' },
  ACCOUNT_LOCKED: { status: 423, zh: '账户已临时锁定，请稍后再试', en: 'Account temporarily locked; try later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交内容过大', en: 'Request too large' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try later' },
  UNPROCESSABLE: { status: 422, zh: '文件内容有误', en: 'The file has errors' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A message in both UI languages. */
export interface IssueText {
  zh: string;
  en: string;
}

/** One problem with one field of a request, or one cell of an uploaded file. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `entries.3.value`; for files the column header. */
  field: string;
  /** The message in Chinese, the platform's first language (the same as `text.zh`). */
  message: string;
  /** The message in each language: what the web app shows, in the user's language. */
  text: IssueText;
  /** For files: 1-based sheet row and column letter. */
  row?: number;
  column?: string;
  sheet?: string;
}

/** A field issue as the API answers it: `text` always there. */
export type AnsweredFieldIssue = FieldIssue & { text: IssueText };

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    messageEn: string;
    details?: AnsweredFieldIssue[];
  };
}

/**
 * A schema's message in both languages. A zod issue carries one string, and the schemas in src/shared write it as
 * "中文 / English"; this is the one place it is read back into its two halves, on the server (the error answer) and
 * in the web app (a form checking a field with the same schema). zod's own messages are English only ("Too big:
 * expected string to have <=200 characters"): the Chinese says so in Chinese first.
 *
 * @example issueText('请选择催报单位 / choose the units to remind') // → { zh: '请选择催报单位', en: 'choose the units to remind' }
 */
export function issueText(message: string | undefined): IssueText {
  const m = message ?? '输入有误 / invalid';
  const match = /\s*\/\s+(?=[A-Za-z0-9])/.exec(m);
  if (!match) return /[\u3400-\u9fff]/.test(m) ? { zh: m, en: m } : { zh: `输入有误（${m}）`, en: m };
  const zh = m.slice(0, match.index).trim();
  const en = m.slice(match.index + match[0].length).trim();
  return { zh: zh || en, en: en || zh };
}
