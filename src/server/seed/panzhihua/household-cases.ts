/**
 * Generated monitoring cases for the default data (示例数据, issue 8): the generated households flagged below 10,000
 * yuan per capita or zero-employment each get a case, at a step of the workflow that varies from one to the next — a
 * fresh warning, visited, on public notice, confirmed with a help measure and a visit, risk removed under watch,
 * closed — so that the workbench, the clearing figures and the trend have something to show on the first start.
 * Dated from the load day, deterministic, every case labelled generated (`generated = 1`, 示例数据 in its history).
 */
import crypto from 'node:crypto';
import { addMonths, type CaseStatus, type MeasureKind } from '../../../domain/households/cases.ts';
import { addDays, chinaDate } from '../../../domain/lists/dates.ts';
import type { CaseTables, HouseholdCaseTable } from '../../db/case-tables.ts';
import { CaseRepository } from '../../modules/households/case.repository.ts';
import type { SeedStep } from '../seed-step.ts';
import { GENERATED_NOTE, generateHouseholds } from './households.ts';

/** A stage of the workflow a generated case is left at, with how many days ago its lead came. */
const STAGES: readonly { status: CaseStatus; leadDaysAgo: number }[] = [
  { status: 'warning', leadDaysAgo: 1 },
  { status: 'visited', leadDaysAgo: 4 },
  { status: 'noticed', leadDaysAgo: 10 },
  { status: 'confirmed', leadDaysAgo: 45 },
  { status: 'riskRemoved', leadDaysAgo: 260 },
  { status: 'closed', leadDaysAgo: 420 },
  // A warning already past its visit deadline: the workbench puts it first, the daily run warns on it.
  { status: 'warning', leadDaysAgo: 6 },
];

const ORDER: readonly CaseStatus[] = [
  'warning',
  'visited',
  'compared',
  'reviewed',
  'noticed',
  'townshipApproved',
  'confirmed',
  'riskRemoved',
  'closed',
];

const MEASURES: Readonly<Record<string, { kind: MeasureKind; description: string }>> = {
  below10k: { kind: 'minimumLiving', description: '纳入低保，按月发放低保金（示例数据）' },
  zeroEmployment: { kind: 'jobPlacement', description: '推荐至园区企业就业，签订劳动合同（示例数据）' },
};

export interface GeneratedCase {
  case: HouseholdCaseTable;
  history: { action: string; from_status: string | null; to_status: string | null; note: string; at: string }[];
  measure: { kind: MeasureKind; description: string; start: string } | null;
  visit: { on: string; findings: string } | null;
  reverification: { on: string; perCapita: number; aboveSince: string | null; employedSince: string | null } | null;
}

/** The cases of the generated households of {@link generateHouseholds}, as rows. */
export function generateCases(now: Date): GeneratedCase[] {
  const today = chinaDate(now);
  const at = now.toISOString();
  const flagged = generateHouseholds(now).flatMap((g) => {
    const h = g.household;
    const kinds: string[] = [];
    if (h.flag_below10k === 2) kinds.push('below10k');
    if (h.flag_zero_employment === 2) kinds.push('zeroEmployment');
    return kinds.map((kind) => ({ h, kind }));
  });
  const perYear = new Map<number, number>();
  return flagged.map(({ h, kind }, i): GeneratedCase => {
    const stage = STAGES[i % STAGES.length] as (typeof STAGES)[number];
    const lead = addDays(today, -stage.leadDaysAgo);
    const year = Number(lead.slice(0, 4));
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const reached = (s: CaseStatus) => ORDER.indexOf(stage.status) >= ORDER.indexOf(s);
    const on = (days: number, s: CaseStatus) => (reached(s) ? addDays(lead, days) : null);
    const removedOn = reached('riskRemoved') ? addMonths(lead, 7) : null;
    const c: HouseholdCaseTable = {
      id: crypto.createHash('sha256').update(`case-${h.id}-${kind}`).digest('hex').slice(0, 32),
      code: `监测〔${year}〕${n}号`,
      household_id: h.id,
      village_id: h.village_id,
      township_id: h.township_id,
      district_id: h.district_id,
      kind,
      source: 'flag',
      source_department: null,
      source_reason: `${kind === 'below10k' ? '收入摸底：人均年收入低于1万元' : '劳动年龄内有劳动能力的成员均未就业'}（${GENERATED_NOTE}）`,
      status: stage.status,
      colour: 'green',
      opened_on: lead,
      lead_date: lead,
      visited_on: on(2, 'visited'),
      compared_on: on(4, 'compared'),
      reviewed_on: on(6, 'reviewed'),
      notice_from: on(8, 'noticed'),
      notice_to: on(13, 'noticed'),
      township_on: on(14, 'townshipApproved'),
      confirmed_on: on(15, 'confirmed'),
      first_measure_on: on(18, 'confirmed'),
      last_reverified_on: reached('confirmed') ? (removedOn ?? addDays(lead, 40)) : null,
      removed_on: removedOn,
      closed_on: stage.status === 'closed' && removedOn ? addMonths(removedOn, 6) : null,
      dismissed_on: null,
      dismiss_reason: null,
      generated: 1,
      created_at: at,
      created_by: null,
      updated_at: at,
      updated_by: null,
      version: 1,
    };
    const history: GeneratedCase['history'] = [
      { action: 'open', from_status: null, to_status: 'warning', note: `${c.source_reason}`, at },
    ];
    if (stage.status !== 'warning') {
      history.push({
        action: 'seed',
        from_status: 'warning',
        to_status: stage.status,
        note: `示例数据：生成时已办理至“${stage.status}”`,
        at,
      });
    }
    return {
      case: c,
      history,
      measure: reached('confirmed')
        ? { ...(MEASURES[kind] as { kind: MeasureKind; description: string }), start: c.first_measure_on ?? lead }
        : null,
      visit: c.visited_on ? { on: c.visited_on, findings: `入户核查属实（${GENERATED_NOTE}）` } : null,
      reverification: c.last_reverified_on
        ? {
            on: c.last_reverified_on,
            perCapita: removedOn ? 13_500 : 8_600,
            aboveSince: removedOn ? addMonths(removedOn, -6) : null,
            employedSince: kind === 'zeroEmployment' && removedOn ? addMonths(removedOn, -4) : null,
          }
        : null,
    };
  });
}

export const loadHouseholdCases: SeedStep = async (tx, { now }) => {
  const q = tx.withTables<CaseTables>();
  // The seed writes plain inserts only; the dialect matters to the repository's row locks, which it does not take.
  const repo = new CaseRepository({ kysely: tx, dialect: 'sqlite', sqlite: null, close: async () => {} });
  const at = now.toISOString();
  for (const g of generateCases(now)) {
    await repo.insertCase(q, g.case);
    await repo.addHistory(
      q,
      g.history.map((h) => ({ case_id: g.case.id, user_id: null, ...h })),
    );
    if (g.visit) {
      await repo.insertVisit(q, {
        id: crypto.randomUUID(),
        case_id: g.case.id,
        visited_on: g.visit.on,
        cadre_name: '村两委干部（示例数据）',
        cadre_user_id: null,
        findings: g.visit.findings,
        created_at: at,
      });
    }
    if (g.measure) {
      await repo.insertMeasure(q, {
        id: crypto.randomUUID(),
        case_id: g.case.id,
        kind: g.measure.kind,
        description: g.measure.description,
        cadre_name: '帮扶责任人（示例数据）',
        cadre_user_id: null,
        start_date: g.measure.start,
        end_date: null,
        outcome: null,
        created_at: at,
        created_by: null,
      });
    }
    if (g.reverification) {
      await repo.insertReverification(q, {
        id: crypto.randomUUID(),
        case_id: g.case.id,
        verified_on: g.reverification.on,
        per_capita_income: g.reverification.perCapita,
        above_line_since: g.reverification.aboveSince,
        employed_since: g.reverification.employedSince,
        rigid_costs_solved: g.case.removed_on ? 1 : 0,
        note: GENERATED_NOTE,
        created_at: at,
        created_by: null,
      });
    }
  }
};
