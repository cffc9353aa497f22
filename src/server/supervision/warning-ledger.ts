import crypto from 'node:crypto';
import { addDays } from '../../domain/lists/dates.ts';
import { diffWarnings, noticeEscalates, warningKey, type WarningCondition } from '../../domain/lists/warnings.ts';
import type { WarningColour } from '../../domain/lists/types.ts';

/**
 * The warning and supervision mechanism of the lists (红黄蓝牌 and 督办单), taken out of the lists' daily job so that
 * anything with deadlines — a list item, a household's monitoring case — is warned and supervised the same way:
 * - warnings are raised when their condition starts to hold and cleared (never deleted) when it stops; a warning that
 *   stays keeps its raise time while its explanation follows the facts of today;
 * - a supervision notice is issued by itself when the subject's own rule says so (the lists count yellow warnings,
 *   the cases yellow and red), numbered in the year's series, answered by its due day;
 * - a notice left unanswered past its day is escalated, once.
 * Each owner keeps its rows in its own tables and implements {@link SupervisionStore}; what the conditions are stays
 * in its pure domain (src/domain/lists/warnings.ts, src/domain/households/cases.ts).
 */

/** A warning as stored, raised and not yet cleared. */
export interface StoredWarning<K extends string> {
  id: string;
  kind: K;
  ref: string;
  colour: WarningColour;
  reason_zh: string;
  reason_en: string;
}

/** A new warning row, whatever the owner's table calls its subject. */
export interface NewWarning<K extends string> {
  id: string;
  subjectId: string;
  kind: K;
  ref: string;
  colour: WarningColour;
  reasonZh: string;
  reasonEn: string;
  raisedAt: string;
}

/** A notice as the mechanism reads it. */
export interface StoredNotice {
  id: string;
  subjectId: string;
  code: string;
  status: string;
  dueDate: string;
  issuedAt: string;
  escalatedAt: string | null;
  version: number;
}

export interface NewNotice {
  id: string;
  subjectId: string;
  code: string;
  problem: string;
  issuedAt: string;
  dueDate: string;
}

/** Where one owner keeps its warnings, notices and history. `Q` is its query handle (database or transaction). */
export interface SupervisionStore<Q, K extends string> {
  activeWarnings(q: Q, subjectId: string): Promise<StoredWarning<K>[]>;
  clearWarnings(q: Q, ids: readonly string[], at: string, reason: string): Promise<void>;
  insertWarnings(q: Q, rows: NewWarning<K>[]): Promise<void>;
  updateWarningReason(q: Q, id: string, zh: string, en: string): Promise<void>;
  /** Warnings of these colours raised on the subject after `since` (null = ever). */
  warningsRaisedSince(
    q: Q,
    subjectId: string,
    since: string | null,
    colours: readonly WarningColour[],
  ): Promise<number>;
  notices(q: Q, subjectId: string): Promise<StoredNotice[]>;
  openNotices(q: Q): Promise<StoredNotice[]>;
  /** How many notices of this series were issued in `year`: the next one's number. */
  noticeCountForYear(q: Q, year: number): Promise<number>;
  insertNotice(q: Q, row: NewNotice): Promise<void>;
  /** Marks the notice escalated if it still has `version`; false when someone else changed it first. */
  markEscalated(q: Q, notice: StoredNotice, at: string): Promise<boolean>;
  /** One line of the subject's history. */
  addHistory(q: Q, subjectId: string, action: 'autoNotice' | 'escalateNotice', note: string, at: string): Promise<void>;
}

/**
 * Brings a subject's warnings up to date with the conditions that hold today: raises what newly holds, clears what
 * no longer does (with `clearReason`), refreshes the explanation of what stays. Runs in the caller's transaction.
 */
export async function syncWarnings<Q, K extends string>(
  store: SupervisionStore<Q, K>,
  q: Q,
  subjectId: string,
  conditions: readonly WarningCondition<K>[],
  at: string,
  clearReason: string,
): Promise<{ raised: number; cleared: number; colours: WarningColour[] }> {
  const active = await store.activeWarnings(q, subjectId);
  const { raise, clear } = diffWarnings(active, conditions);
  await store.clearWarnings(
    q,
    clear.map((w) => w.id),
    at,
    clearReason,
  );
  await store.insertWarnings(
    q,
    raise.map((c) => ({
      id: crypto.randomUUID(),
      subjectId,
      kind: c.kind,
      ref: c.ref,
      colour: c.colour,
      reasonZh: c.reason.zh,
      reasonEn: c.reason.en,
      raisedAt: at,
    })),
  );
  const held = new Map(conditions.map((c) => [warningKey(c), c]));
  for (const w of active) {
    const c = held.get(warningKey(w));
    if (c && c.colour === w.colour && (c.reason.zh !== w.reason_zh || c.reason.en !== w.reason_en)) {
      await store.updateWarningReason(q, w.id, c.reason.zh, c.reason.en);
    }
  }
  return { raised: raise.length, cleared: clear.length, colours: conditions.map((c) => c.colour) };
}

/**
 * Issues a supervision notice by itself when `due` says the warnings since the subject's last notice call for one
 * and none is still open. Returns the notice's code, or null when none was issued.
 */
export async function autoNotice<Q, K extends string>(
  store: SupervisionStore<Q, K>,
  q: Q,
  subjectId: string,
  opts: {
    at: string;
    today: string;
    /** The colours the owner's rule counts. */
    counted: readonly WarningColour[];
    due: (warningsSinceLast: number, hasOpenNotice: boolean) => boolean;
    answerDays: number;
    /** The code of the n-th notice of a year: 督办〔2024〕7号. */
    code: (year: number, n: number) => string;
    /** The problem stated on the notice, given the last notice's issue time (null: none before) and the count. */
    problem: (lastIssuedAt: string | null, count: number) => string;
  },
): Promise<string | null> {
  const notices = await store.notices(q, subjectId);
  const open = notices.some((n) => n.status !== 'closed');
  const last = notices.at(-1)?.issuedAt ?? null;
  const count = await store.warningsRaisedSince(q, subjectId, last, opts.counted);
  if (!opts.due(count, open)) return null;
  const year = Number(opts.today.slice(0, 4));
  const code = opts.code(year, (await store.noticeCountForYear(q, year)) + 1);
  const dueDate = addDays(opts.today, opts.answerDays);
  await store.insertNotice(q, {
    id: crypto.randomUUID(),
    subjectId,
    code,
    problem: opts.problem(last, count),
    issuedAt: opts.at,
    dueDate,
  });
  await store.addHistory(q, subjectId, 'autoNotice', `${code}（系统自动），${dueDate} 前答复`, opts.at);
  return code;
}

/**
 * Escalates every open notice past its due day that was not escalated before, each in its own transaction, and
 * records it in the subject's history. `escalated` hears of each notice once its transaction has committed (the
 * owner says so on the event bus: the signed notifications send it on). Returns how many were escalated.
 */
export async function escalateNotices<Q, K extends string>(
  store: SupervisionStore<Q, K>,
  q: Q,
  transaction: <T>(fn: (trx: Q) => Promise<T>) => Promise<T>,
  today: string,
  at: string,
  onEscalated: (notice: StoredNotice) => void = () => undefined,
): Promise<number> {
  let escalated = 0;
  for (const n of await store.openNotices(q)) {
    if (!noticeEscalates({ status: n.status, dueDate: n.dueDate, escalated: n.escalatedAt !== null }, today)) continue;
    const done = await transaction(async (trx) => {
      if (!(await store.markEscalated(trx, n, at))) return false;
      await store.addHistory(
        trx,
        n.subjectId,
        'escalateNotice',
        `${n.code} 逾期未答复（应于 ${n.dueDate} 前），已提请责任领导督办`,
        at,
      );
      return true;
    });
    if (done) {
      escalated++;
      onEscalated(n);
    }
  }
  return escalated;
}
