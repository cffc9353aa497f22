import {
  StatisticsEngine,
  type EngineHousehold,
  type HouseholdColumns,
  type StatUnit,
  type UnitStatistics,
} from '../../../domain/households/statistics.ts';
import {
  suppressStatistics,
  unsuppressed,
  type VisibleUnitStatistics,
} from '../../../domain/households/suppression.ts';
import { DEFAULT_INCOME_CLASS_RULE, type IncomeClassRule } from '../../../domain/inequality.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import type { HouseholdStatisticsResponse, UnitStatisticsDto } from '../../../shared/api/household-statistics.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { EventBus } from '../../events.ts';

/**
 * What the statistics read from the registry: every household as columns (see `HouseholdColumns`), with
 * `unitIds[k]` the org unit (village or community) of leaf index k used in `unit`.
 */
export interface HouseholdStatisticsSnapshot {
  columns: HouseholdColumns;
  unitIds: readonly string[];
  /** The registry holds generated households (示例数据): every figure says so. */
  generated: boolean;
  /** The households' ids (in the columns' order), so that a change can be applied to one household. */
  ids?: readonly string[];
  /** Per household: generated (示例数据) or not. */
  generatedFlags?: Uint8Array;
}

/** One household as it now is in the registry (`active` false: closed, moved out or deleted — it no longer counts). */
export interface HouseholdStatisticsChange {
  id: string;
  active: boolean;
  unitId: string;
  household: Omit<EngineHousehold, 'unit'>;
}

export interface HouseholdStatisticsSource {
  load(): Promise<HouseholdStatisticsSnapshot>;
  /** The given households as they now are (absent ids: deleted). Without it every change reloads everything. */
  loadSome?(ids: readonly string[]): Promise<HouseholdStatisticsChange[]>;
}

interface Held {
  org: OrgIndex;
  units: StatUnit[];
  index: Map<string, number>;
  engine: StatisticsEngine;
  /** The suppressed figures of every unit, as of the engine's `version` `suppressedAt`. */
  suppressed: VisibleUnitStatistics[] | null;
  suppressedAt: number;
  computedAt: string;
  /** Set when the source says the registry is generated but not which households. */
  generatedBase: boolean;
}

/** More households changed at once than this: the columns are read again rather than one by one. */
const MAX_INCREMENTAL = 5_000;

/**
 * The registry's statistics by org unit, for every level at once, held in memory by a columnar engine
 * (`StatisticsEngine`): built once from the registry, then, on `households.changed { householdIds }`, updated
 * household by household (each changed household read again, its unit and the unit's ancestors recomputed at the
 * next read); a change without ids (an import) or with many reads everything again. Readers who may see the
 * households of a unit get its figures in full; everyone else (leaders, work teams: statistics, not names) the
 * suppressed ones. The same figures feed the framework's D5-03, D5-04 and D5-05 at each evaluation run.
 */
export class HouseholdStatisticsService {
  private readonly source: HouseholdStatisticsSource;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly rule: IncomeClassRule;
  private readonly maySeeIndividuals: (actor: Actor, unitId: string) => boolean;
  private held: Held | null = null;
  /** Households changed since `held` was brought up to date; 'all' to read everything again. */
  private pending: Set<string> | 'all' = 'all';
  private working: Promise<void> | null = null;

  constructor(deps: {
    source: HouseholdStatisticsSource;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    events: EventBus;
    rule?: IncomeClassRule;
    /** Whether the actor may see the households of the unit (then statistics are not suppressed for it). */
    maySeeIndividuals?: (actor: Actor, unitId: string) => boolean;
  }) {
    this.source = deps.source;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.rule = deps.rule ?? DEFAULT_INCOME_CLASS_RULE;
    this.maySeeIndividuals = deps.maySeeIndividuals ?? (() => false);
    deps.events.on('households.changed', ({ householdIds }) => this.changed(householdIds));
  }

  private changed(ids: readonly string[] | undefined): void {
    if (this.pending === 'all') return;
    if (!ids || !this.source.loadSome || this.pending.size + ids.length > MAX_INCREMENTAL) {
      this.pending = 'all';
      return;
    }
    for (const id of ids) this.pending.add(id);
  }

  private stale(): boolean {
    return this.pending === 'all' || this.pending.size > 0 || !this.held || this.held.org !== this.org();
  }

  /** The held figures brought up to date (one reader does the work however many wait). */
  private async current(): Promise<Held> {
    while (this.stale()) {
      this.working ??= this.update().finally(() => {
        this.working = null;
      });
      await this.working;
    }
    return this.held as Held;
  }

  private async update(): Promise<void> {
    const pending = this.pending;
    this.pending = new Set();
    try {
      const held = this.held;
      if (pending === 'all' || !held || held.org !== this.org() || !this.source.loadSome) {
        this.held = await this.build();
        return;
      }
      const rows = await this.source.loadSome([...pending]);
      const found = new Set<string>();
      for (const r of rows) {
        found.add(r.id);
        const unit = held.index.get(r.unitId);
        if (!r.active || unit === undefined) held.engine.remove(r.id);
        else held.engine.upsert(r.id, { ...r.household, unit });
      }
      for (const id of pending) if (!found.has(id)) held.engine.remove(id);
      held.computedAt = this.clock.now().toISOString();
    } catch (err) {
      // Whatever was half applied is read again from the registry at the next read.
      this.pending = 'all';
      throw err;
    }
  }

  private async build(): Promise<Held> {
    const org = this.org();
    const snapshot = await this.source.load();
    const nodes = [...org.byId.values()];
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const units: StatUnit[] = nodes.map((n) => ({
      id: n.id,
      parent: n.parentId === null ? -1 : (index.get(n.parentId) ?? -1),
    }));
    const remap = snapshot.unitIds.map((id) => {
      const i = index.get(id);
      if (i === undefined) throw new Error(`Household unit ${id} is not in the org tree`);
      return i;
    });
    const c = snapshot.columns;
    const unit = new Int32Array(c.count);
    for (let i = 0; i < c.count; i++) unit[i] = remap[c.unit[i] as number] as number;
    const engine = StatisticsEngine.build(
      { ...c, unit },
      units,
      { rule: this.rule },
      {
        ...(snapshot.ids ? { ids: snapshot.ids } : {}),
        ...(snapshot.generatedFlags ? { generated: snapshot.generatedFlags } : {}),
      },
    );
    return {
      org,
      units,
      index,
      engine,
      suppressed: null,
      suppressedAt: -1,
      computedAt: this.clock.now().toISOString(),
      generatedBase: snapshot.generatedFlags === undefined && snapshot.generated,
    };
  }

  /** Every unit's suppressed figures (the rules need the whole tree), recomputed after a change. */
  private suppressed(held: Held): VisibleUnitStatistics[] {
    if (!held.suppressed || held.suppressedAt !== held.engine.version) {
      held.suppressed = suppressStatistics(held.engine.all(), held.units);
      held.suppressedAt = held.engine.version;
    }
    return held.suppressed;
  }

  /**
   * A unit's statistics and its children's, within the reader's view scope (the scope's centre by default). In
   * full for a reader who may see that unit's households, suppressed otherwise.
   */
  async statistics(actor: Actor, unitId?: string): Promise<HouseholdStatisticsResponse> {
    const access = this.access();
    const { centre } = access.aggregateScope(actor);
    const id = unitId ?? centre;
    access.assertView(actor, [id]);
    const c = await this.current();
    const full = this.maySeeIndividuals(actor, id);
    const org = c.org;
    const hidden = full ? null : this.suppressed(c);
    const view = (uid: string): UnitStatisticsDto => {
      const k = c.index.get(uid) as number;
      const s = hidden ? (hidden[k] as VisibleUnitStatistics) : unsuppressed(c.engine.statistics(k));
      const node = org.get(uid);
      return { ...s, name: node?.name ?? uid, nameEn: node?.nameEn ?? uid, kind: node?.kind ?? '' };
    };
    return {
      unit: view(id),
      children: org.children(id).map((n) => view(n.id)),
      suppressed: !full,
      rule: describeRule(this.rule),
      computedAt: c.computedAt,
      generated: c.engine.generated || c.generatedBase,
    };
  }

  /** Figures of the registry for the given units, by the figure asked for (the framework feeds). */
  private async feed(unitIds: readonly string[], pick: (s: UnitStatistics) => number | null) {
    const c = await this.current();
    const out = new Map<string, number>();
    for (const id of unitIds) {
      const k = c.index.get(id);
      const s = k === undefined ? undefined : c.engine.statistics(k);
      // A unit without households in the registry has no figure (not 0: the survey has not reached it).
      if (!s || s.households === 0) continue;
      const v = pick(s);
      if (v !== null) out.set(id, v);
    }
    return out;
  }

  /**
   * D5-03, middle-income share (%): the certain share — households known to be middle-income over those with an
   * income figure — as the framework's one number; the upper bound (with the possibly-middle households) is shown
   * beside it on the cockpit's card.
   */
  middleShareFeed(unitIds: readonly string[]): Promise<Map<string, number>> {
    return this.feed(unitIds, (s) => (s.middleShare === null ? null : round(s.middleShare.low * 100, 2)));
  }

  /** D5-04, households below 10,000 yuan per capita: the certain count (bracket-only households listed apart). */
  below10kFeed(unitIds: readonly string[]): Promise<Map<string, number>> {
    return this.feed(unitIds, (s) => s.flags.below10k.certain);
  }

  /** D5-05, zero-employment families: the certain count. */
  zeroEmploymentFeed(unitIds: readonly string[]): Promise<Map<string, number>> {
    return this.feed(unitIds, (s) => s.flags.zeroEmployment.certain);
  }
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** The middle-income rule in words, as the statistics page states it. */
export function describeRule(r: IncomeClassRule): LocalizedText {
  const wan = (v: number) => `${Math.round(v / 100) / 100}万`;
  const yuan = (v: number) => Math.round(v).toLocaleString('en-US');
  if (r.basis === 'household') {
    return {
      zh: `中等收入：家庭年收入${wan(r.middleLow)}—${wan(r.middleHigh)}元（不论家庭人数）；低于1万元：人均年收入低于${r.bottomLine}元`,
      en: `Middle income: household income ${yuan(r.middleLow)}–${yuan(r.middleHigh)} yuan a year whatever the size; below 10,000: per-capita income under ${yuan(r.bottomLine)}`,
    };
  }
  const low = r.middleLow / r.referenceSize;
  const high = r.middleHigh / r.referenceSize;
  return {
    zh: `中等收入：${r.referenceSize}口之家年收入${wan(r.middleLow)}—${wan(r.middleHigh)}元，其他规模按人均${wan(low)}—${wan(high)}元折算；低于1万元：人均年收入低于${r.bottomLine}元`,
    en: `Middle income: a ${r.referenceSize}-person household at ${yuan(r.middleLow)}–${yuan(r.middleHigh)} yuan a year, other sizes per capita (${yuan(low)}–${yuan(high)}); below 10,000: per-capita income under ${yuan(r.bottomLine)}`,
  };
}
