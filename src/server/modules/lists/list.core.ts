import { chinaDate } from '../../../domain/lists/dates.ts';
import { resolveListRules, type ListRules } from '../../../domain/lists/rules.ts';
import { LIST_KINDS } from '../../../domain/lists/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { EventBus } from '../../events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { ListFilter, ListItemRow } from '../../../shared/api/lists.ts';
import { listRulesSchema } from '../../../shared/api/lists.ts';
import { itemRef, toItemRow } from './list.mapper.ts';
import type { ItemRow, ListRepository, ListTx } from './list.repository.ts';
import type { Auditor } from '../../security/auditor.ts';
import { LIST_ITEM_PERSONAL, type PersonalData } from '../../security/personal-data.ts';

/** What every part of the lists module is built from (list.module.ts wires it). */
export interface ListDeps {
  repo: ListRepository;
  org: () => OrgIndex;
  /** The one access module (src/server/access/policy.ts); replaced when the org tree changes. */
  access: () => Access;
  clock: Clock;
  /** Largest attachment accepted, in bytes (also bounded by ATTACHMENT_MAX_BYTES). */
  uploadLimit: number;
  /** Where it says that the lists changed (they feed the evaluation; the cockpit shows them). */
  events: EventBus;
  /** The personal-data policy (security/personal-data.ts): the persons in charge are sealed, masked, unmasked on asking. */
  personal: PersonalData;
  /** Where an unmasked view of a person in charge is recorded. */
  auditor: Auditor;
}

/**
 * What the workflow, the notices, the daily warning job and the views share: the rules in force, today's date, and
 * the items a user may see. No rule of its own lives here.
 */
export class ListCore {
  readonly repo: ListRepository;
  readonly org: () => OrgIndex;
  readonly access: () => Access;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly personal: PersonalData;
  readonly auditor: Auditor;

  constructor(deps: ListDeps) {
    this.repo = deps.repo;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.events = deps.events;
    this.personal = deps.personal;
    this.auditor = deps.auditor;
  }

  /** The stored row with its persons in charge decrypted and masked (the way every list, export and summary shows them). */
  masked(i: ItemRow): ItemRow {
    const r = this.personal.reveal(LIST_ITEM_PERSONAL, i, { role: 'teamMember', unmask: false }).values;
    return { ...i, person_in_charge: r.personInCharge ?? '', contact: r.contact ?? '' };
  }

  /** The sealed columns of an item's persons in charge, for an insert or an update. */
  sealed(input: { personInCharge: string; contact: string }): { person_in_charge: string; contact: string } {
    const s = this.personal.seal(LIST_ITEM_PERSONAL, input);
    return { person_in_charge: s.person_in_charge ?? '', contact: s.contact ?? '' };
  }

  /** Today in Beijing. */
  today(): string {
    return chinaDate(this.clock.now());
  }

  /** The rules in force (defaults for whatever is not stored, or a stored value no longer valid). */
  async rules(q: ListTx = this.repo.k): Promise<ListRules> {
    const json = await this.repo.rules(q);
    if (json === null) return resolveListRules();
    const parsed = listRulesSchema.partial().safeParse(JSON.parse(json));
    return parsed.success ? resolveListRules(parsed.data) : resolveListRules();
  }

  /** Every write of the lists by a user runs here: one transaction; once it has committed, says that the lists changed. */
  async write<T>(fn: (trx: ListTx) => Promise<T>): Promise<T> {
    const result = await this.repo.transaction(fn);
    this.events.emit('lists.changed', {});
    return result;
  }

  async setRules(rules: ListRules): Promise<ListRules> {
    await this.write((trx) => this.repo.saveRules(trx, JSON.stringify(rules)));
    return this.rules();
  }

  async teamNames(q: ListTx): Promise<Map<string, string>> {
    return new Map((await this.repo.workTeams(q)).map((t) => [t.id, t.name]));
  }

  /** Items as rows of the lists, with their counts of active warnings, open notices and pending adjustments. */
  async toRows(q: ListTx, items: readonly ItemRow[]): Promise<ListItemRow[]> {
    const ids = items.map((i) => i.id);
    const [warnings, notices, adjustments, teams] = await Promise.all([
      this.repo.warnings(q, ids, { activeOnly: true }),
      this.repo.notices(q, ids),
      this.repo.adjustments(q, ids),
      this.teamNames(q),
    ]);
    const count = (xs: readonly { item_id: string }[]) => {
      const m = new Map<string, number>();
      for (const x of xs) m.set(x.item_id, (m.get(x.item_id) ?? 0) + 1);
      return m;
    };
    const w = count(warnings);
    const n = count(notices.filter((x) => x.status !== 'closed'));
    const a = count(adjustments.filter((x) => x.status === 'pending'));
    const org = this.org();
    return items.map((i) =>
      toItemRow(this.masked(i), org, teams, {
        activeWarnings: w.get(i.id) ?? 0,
        openNotices: n.get(i.id) ?? 0,
        pendingAdjustment: (a.get(i.id) ?? 0) > 0,
      }),
    );
  }

  /** The items this user may see that pass the filter, as stored. */
  async visibleItems(actor: Actor, f: ListFilter, q: ListTx = this.repo.k): Promise<ItemRow[]> {
    const org = this.org();
    const access = this.access();
    const items = await this.repo.items(q, f);
    const needle = f.q?.toLowerCase();
    return items.filter((i) => {
      const ref = itemRef(i);
      if (!access.canSeeItem(actor, ref)) return false;
      if (
        f.unit &&
        !org.within(ref.leadUnitId, [f.unit]) &&
        !ref.coUnitIds.some((u) => org.within(u, [f.unit as string]))
      )
        return false;
      if (f.district && (ref.districtId === null || !org.within(ref.districtId, [f.district]))) return false;
      if (needle && ![i.code, i.title, i.content].some((s) => s.toLowerCase().includes(needle))) return false;
      return true;
    });
  }

  /** The items of the four lists in the order every table shows them: by list, then by code. */
  static inListOrder(items: readonly ItemRow[]): ItemRow[] {
    const order = (i: ItemRow) => LIST_KINDS.indexOf(i.kind);
    return [...items].sort((a, b) => order(a) - order(b) || a.code.localeCompare(b.code));
  }

  /** The next number of the supervision notices of the year of `now`: 督办〔2024〕7号. */
  async noticeCode(q: ListTx, now: string): Promise<string> {
    const year = Number(chinaDate(new Date(now)).slice(0, 4));
    const n = (await this.repo.noticeCountForYear(q, year)) + 1;
    return `督办〔${year}〕${n}号`;
  }

  /** One item the user may see; NOT_FOUND or OUT_OF_SCOPE otherwise. */
  async visibleItem(actor: Actor, id: string, q: ListTx = this.repo.k): Promise<ItemRow> {
    const item = await this.repo.item(q, id);
    if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
    if (!this.access().canSeeItem(actor, itemRef(item))) throw new AppError('OUT_OF_SCOPE');
    return item;
  }
}
