import type { Queryable } from '../db/transaction.ts';
import { changedFields, type AuditLog, type AuditOutcome, type AuditRecord } from './audit.ts';
import { maskBankAccount, maskIdNumber, maskPhone } from './field-crypto.ts';
import { maskPersonalText } from './personal-data.ts';
import { currentRequest } from './request-context.ts';

/**
 * What services write to the audit trail. The {@link AuditLog} stores and chains records; the Auditor fills in who
 * and from where (from the request being served, see request-context.ts), links the record to its request, and keeps
 * secrets and personal data out of the details. Services record inside the transaction of the change, as the last
 * statement before it commits (on PostgreSQL the record locks the trail until the commit; a transaction that still
 * had rows to lock after that could deadlock with another one).
 */

export interface AuditInput {
  action: string;
  /** Defaults to success. */
  outcome?: AuditOutcome;
  objectType?: string | null;
  objectId?: string | null;
  detail?: Record<string, unknown> | null;
  /** Who and from where; taken from the current request when absent (the command line passes them). */
  userId?: string | null;
  username?: string | null;
  ip?: string | null;
  at?: Date;
}

export const REDACTED = '[redacted]';

/** Keys whose values are never written to the trail: passwords, second factors, tokens. */
const SECRET_KEY = /pass(word)?|secret|token|otp|recovery|csrf|cookie|authorization/i;
/** Keys of personal data that is masked as the display would mask it (PIPL art. 51: de-identification). */
const MASKED_KEYS: readonly [RegExp, (v: string) => string][] = [
  [/id_?(card|number|no)$|^idNumber$|身份证/i, maskIdNumber],
  [/phone|mobile|手机|电话/i, maskPhone],
  [/bank|account_?no|card_?no|银行/i, maskBankAccount],
];

/**
 * A copy of `value` safe to keep in the audit trail: values under secret-looking keys become `[redacted]` (flags
 * excepted), ID, phone and bank numbers are masked — under personal-data keys and wherever a value has their shape
 * (personal-data.ts) — and long strings are cut. The audit administrator reads the trail and may see
 * neither secrets nor personal data in clear.
 *
 * @example
 * safeDetail({ username: 'xiqu', password: 'Pzh#2024ok', member: { idNumber: '510402199001011234' } })
 * // → { username: 'xiqu', password: '[redacted]', member: { idNumber: '5104**********1234' } }
 */
export function safeDetail(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') {
    // Whatever key it was typed under, a value shaped like a phone, ID or bank number is masked.
    const text = maskPersonalText(value.length > 2000 ? value.slice(0, 2000) : value);
    return value.length > 2000 ? `${text}…(${value.length})` : text;
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, 200).map((v) => safeDetail(v, depth + 1));
    if (value.length > 200) items.push(`…(${value.length - 200} more)`);
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // A flag is never a secret: `passwordChangeRequired: true` says what happened and is kept.
      if (SECRET_KEY.test(k) && typeof v !== 'boolean') {
        out[k] = v === null || v === undefined ? v : REDACTED;
        continue;
      }
      const mask = MASKED_KEYS.find(([re]) => re.test(k))?.[1];
      out[k] = mask && typeof v === 'string' ? mask(v) : safeDetail(v, depth + 1);
    }
    return out;
  }
  return value;
}

export class Auditor {
  readonly log: AuditLog;

  constructor(log: AuditLog) {
    this.log = log;
  }

  private event(input: AuditInput) {
    const request = currentRequest();
    const detail = input.detail ?? null;
    const withRequest = request === undefined ? detail : { ...(detail ?? {}), requestId: request.requestId };
    return {
      ...(input.at ? { at: input.at } : {}),
      userId: input.userId !== undefined ? input.userId : (request?.userId ?? null),
      username: input.username !== undefined ? input.username : (request?.username ?? null),
      ip: input.ip !== undefined ? input.ip : (request?.ip ?? null),
      action: input.action,
      objectType: input.objectType ?? null,
      objectId: input.objectId ?? null,
      outcome: input.outcome ?? 'success',
      detail: withRequest === null ? null : (safeDetail(withRequest) as Record<string, unknown>),
    };
  }

  /**
   * One record. Pass the transaction of the change so that both commit or neither.
   *
   * @example
   * await auditor.record({ action: 'period.unlock', objectType: 'period', objectId: '2024-10', detail: { reason } }, trx);
   */
  record(input: AuditInput, trx?: Queryable): Promise<AuditRecord> {
    return this.log.record(this.event(input), trx);
  }

  recordMany(inputs: readonly AuditInput[], trx?: Queryable): Promise<AuditRecord[]> {
    return this.log.recordMany(
      inputs.map((i) => this.event(i)),
      trx,
    );
  }

  /**
   * A change of an object, with the old and new value of every field that changed (`detail.changes`).
   *
   * @example
   * await auditor.change({ action: 'user.update', objectType: 'user', objectId: id, before: old, after: next }, trx);
   * // detail → { changes: { role: { old: 'leader', new: 'reviewer' } }, requestId: 'req-1f' }
   */
  change(
    input: AuditInput & { before: Record<string, unknown>; after: Record<string, unknown> },
    trx?: Queryable,
  ): Promise<AuditRecord> {
    const { before, after, ...rest } = input;
    return this.record({ ...rest, detail: { ...(rest.detail ?? {}), changes: changedFields(before, after) } }, trx);
  }

  /**
   * A view of a named record holding personal data — for the household module: call it whenever a user opens one
   * household (or exports named households), before the data leaves the server. `detail` says what was shown
   * (e.g. `{ fields: ['members', 'income'], unmasked: false }`), never the data itself.
   *
   * @example
   * await auditor.view({ objectType: 'household', objectId: household.id, detail: { unmasked: canSeeClear } });
   * // → action 'household.view', user and address from the request
   */
  view(input: { objectType: string; objectId: string; detail?: Record<string, unknown> }, trx?: Queryable) {
    return this.record(
      {
        action: `${input.objectType}.view`,
        objectType: input.objectType,
        objectId: input.objectId,
        detail: input.detail ?? null,
      },
      trx,
    );
  }
}
