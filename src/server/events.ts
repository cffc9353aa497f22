/**
 * The one change signal. Writers say what changed, after their transaction has committed; caches (the evaluation's
 * runs, the cockpit's answers, …) listen and drop what the change makes stale. No module calls another module's
 * cache directly, and no HTTP hook guesses from a URL that something changed.
 *
 * Payloads are small and JSON-serialisable on purpose: a deployment with several server processes implements
 * {@link EventBus} by publishing each event to the others as well (PostgreSQL LISTEN/NOTIFY, for example) and
 * delivering what it receives to its local listeners. The in-process bus below is the single-process implementation.
 *
 * The events (docs/architecture.md lists them with their writers and listeners):
 */
export interface ChangeEvents {
  /** Reviewed values of framework F changed: approved, returned, published, reopened, imported as reviewed. */
  'values.changed': { frameworkId: string };
  /**
   * Values changed in any status — drafts saved, submitted, imported from Excel — or a period was locked or
   * unlocked: what the entry grid shows (reviewed values changing say `values.changed` as well).
   */
  'values.entered': Record<string, never>;
  /** List items changed: their state, reports, warnings (the daily run included), notices or the list rules. */
  'lists.changed': Record<string, never>;
  /** A framework's definition changed: a draft's indicators or targets edited, a version published or created. */
  'framework.changed': { frameworkId: string };
  /** The evaluation's settings changed (the warning thresholds): every framework's results are stale. */
  'evaluation.settingsChanged': Record<string, never>;
  /** An evaluation run of framework F stored new results (a reader's lazy run or the coordinator's 重新评价). */
  'evaluation.completed': { frameworkId: string };
  /**
   * Households of the low-income registry changed (members, incomes, flags; an import): `householdIds` when the
   * writer knows them and they are few, else absent (everything may have changed). Feeds D5-03/04/05.
   */
  'households.changed': { householdIds?: string[] };
  /** Monitoring cases changed: an act, a lead, the daily warning run (the clearing figures and trend are stale). */
  'households.casesChanged': Record<string, never>;
  /**
   * The major-project ledger changed: a project, its stage, a plan's review or a return's review, an import. Feeds
   * the framework's project indicators and the cockpit's project figures.
   */
  'projects.changed': Record<string, never>;
  /** A period's values were published (the signed notifications, src/server/modules/exchange, send it on). */
  'values.published': { period: string; orgUnitId: string | null; count: number };
  /** A supervision notice (督办单) was issued on a list item, by the centre or by the system. */
  'lists.noticeIssued': { noticeId: string; code: string; itemId: string };
  /**
   * The daily run escalated a supervision notice left unanswered past its due day (a list item's, or a monitoring
   * case's): the signed notifications send it on as `notice.escalated`.
   */
  'supervision.noticeEscalated': {
    noticeId: string;
    code: string;
    subject: 'listItem' | 'householdCase';
    subjectId: string;
    dueDate: string;
  };
  /** An evaluation run found cells red that were not red in the run before it (indicator × unit). */
  'evaluation.turnedRed': { frameworkId: string; asOf: string; cells: { indicatorCode: string; orgUnitId: string }[] };
  /** The security administrator saved the security policy (password rules, lockout, idle timeout, second factor). */
  'security.policyChanged': Record<string, never>;
}

/**
 * Where each event is delivered when several servers share the database (src/server/db/pg-event-bus.ts):
 * - `everywhere`: a cache went stale — every server's listeners must hear it (each server holds its own caches);
 * - `here`: an act that the emitting server carries out once — the signed notifications of the exchange module
 *   would go out once per server otherwise.
 * A new event must say which (the record is exhaustive).
 */
export const EVENT_REACH = {
  'values.changed': 'everywhere',
  'values.entered': 'everywhere',
  'lists.changed': 'everywhere',
  'framework.changed': 'everywhere',
  'evaluation.settingsChanged': 'everywhere',
  'evaluation.completed': 'everywhere',
  'households.changed': 'everywhere',
  'households.casesChanged': 'everywhere',
  'projects.changed': 'everywhere',
  'security.policyChanged': 'everywhere',
  'values.published': 'here',
  'lists.noticeIssued': 'here',
  'evaluation.turnedRed': 'here',
  'supervision.noticeEscalated': 'here',
} as const satisfies Record<ChangeEventName, 'everywhere' | 'here'>;

/**
 * What a server tells its own listeners when it may have missed other servers' events (its LISTEN connection was
 * lost and is back): every cache that listens drops everything. `framework.changed` names no framework — the
 * listeners keyed by framework find nothing of it, the others (the ledger's targets) drop what they hold.
 */
export const EVERYTHING_STALE: readonly { [K in ChangeEventName]: [K, ChangeEvents[K]] }[ChangeEventName][] = [
  ['lists.changed', {}],
  ['evaluation.settingsChanged', {}],
  ['households.changed', {}],
  ['households.casesChanged', {}],
  ['projects.changed', {}],
  ['values.entered', {}],
  ['framework.changed', { frameworkId: '' }],
  ['security.policyChanged', {}],
];

export type ChangeEventName = keyof ChangeEvents;
export type Listener<K extends ChangeEventName> = (payload: ChangeEvents[K]) => void;

/** Where writers emit and caches listen. Listeners run synchronously, in the order they were added. */
export interface EventBus {
  emit<K extends ChangeEventName>(name: K, payload: ChangeEvents[K]): void;
  /** Adds a listener; returns the function that removes it. */
  on<K extends ChangeEventName>(name: K, listener: Listener<K>): () => void;
}

/**
 * The bus of one server process. A listener that throws does not stop the others nor fail the writer, whose change
 * is already committed: the error is reported to `onError` (the server's log).
 */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Map<ChangeEventName, Set<(payload: never) => void>>();
  private readonly onError: (error: unknown, name: ChangeEventName) => void;

  constructor(opts: { onError?: (error: unknown, name: ChangeEventName) => void } = {}) {
    this.onError = opts.onError ?? ((error, name) => console.error(`event listener for ${name} failed`, error));
  }

  emit<K extends ChangeEventName>(name: K, payload: ChangeEvents[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        (listener as Listener<K>)(payload);
      } catch (e) {
        this.onError(e, name);
      }
    }
  }

  on<K extends ChangeEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => set.delete(l);
  }
}
