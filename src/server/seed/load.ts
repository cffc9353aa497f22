import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { FrameworkBundle } from '../modules/frameworks/framework.repository.ts';
import { hashPassword, generatePassword } from '../modules/auth/password-hash.ts';
import type { Role } from '../../domain/types.ts';
import { parsePeriod } from '../../domain/periods.ts';
import {
  baselines,
  dimensions,
  generateDemoValues,
  indicators,
  orgUnits,
  publishedValues,
  targetsForYear,
  targetsForYears,
  workTeams,
} from './panzhihua/index.ts';
import { demoCalendar } from './panzhihua/calendar.ts';
import type { SeedOrgUnit, SeedPublishedValue } from './seed-types.ts';
import type { UserRow } from '../modules/users/user.repository.ts';
import { buildUser } from '../factories.ts';
import type { ValueRow } from '../modules/values/value.repository.ts';
import { loadListItems } from './panzhihua/list-items.load.ts';
import { loadHouseholds } from './panzhihua/households.ts';
import { loadProjects } from './panzhihua/projects.ts';
import { loadHouseholdCases } from './panzhihua/household-cases.ts';
import { SeedRepositories } from './seed.repository.ts';
import type { SeedEnv, SeedStep } from './seed-step.ts';

export type { SeedEnv, SeedStep } from './seed-step.ts';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  entryScope: string[];
  viewScope: string[];
  workTeamId: string | null;
}

function paths(units: readonly SeedOrgUnit[]): Map<string, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<string, string>();
  const pathOf = (id: string): string => {
    const hit = out.get(id);
    if (hit) return hit;
    const u = byId.get(id);
    if (!u) throw new Error(`Unknown org unit ${id}`);
    const p = `${u.parentId ? pathOf(u.parentId) : '/'}${u.id}/`;
    out.set(id, p);
    return p;
  };
  for (const u of units) pathOf(u.id);
  return out;
}

/** The demo accounts: one per role, each with a scope that shows what the role does. */
export function demoAccountSpecs(): Omit<DemoAccount, 'password'>[] {
  const promotion = workTeams.find((t) => t.group === 'promotion');
  const incomeDimension = dimensions.find((d) => d.code === 'D5') ?? dimensions[0];
  const statsDept =
    orgUnits.find((u) => u.kind === 'department' && u.name.includes('统计')) ??
    orgUnits.find((u) => u.kind === 'department');
  return [
    // The three privileged accounts of the separation of duties carry no data scope (docs/security.md).
    { username: 'admin', displayName: '系统管理员', role: 'admin', entryScope: [], viewScope: [], workTeamId: null },
    {
      username: 'gfb',
      displayName: '共富办 王主任',
      role: 'coordinator',
      entryScope: ['city'],
      viewScope: ['city'],
      workTeamId: null,
    },
    {
      username: 'leader',
      displayName: '市领导 李市长',
      role: 'leader',
      entryScope: [],
      viewScope: ['city'],
      workTeamId: null,
    },
    {
      username: 'team',
      displayName: `${incomeDimension?.name ?? ''}专班 赵科长`,
      role: 'teamMember',
      entryScope: [],
      viewScope: ['city'],
      workTeamId: incomeDimension?.workTeamId ?? promotion?.id ?? null,
    },
    {
      username: 'tjj',
      displayName: `${statsDept?.name ?? '统计局'} 填报员`,
      role: 'departmentReporter',
      entryScope: [statsDept?.id ?? 'city'],
      viewScope: ['city'],
      workTeamId: null,
    },
    {
      username: 'xiqu',
      displayName: '西区 填报员',
      role: 'districtReporter',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
      workTeamId: null,
    },
    {
      username: 'shenhe',
      displayName: '统计局 审核员',
      role: 'reviewer',
      entryScope: ['city'],
      viewScope: ['city'],
      workTeamId: null,
    },
    // The household roles (issue 8) see personal data: a second factor at their first sign-in, like the administrators.
    {
      username: 'cungb',
      displayName: '新庄村 村干部',
      role: 'villageCadre',
      entryScope: ['xiqu-geliping-xinzhuang'],
      viewScope: ['xiqu-geliping-xinzhuang'],
      workTeamId: null,
    },
    {
      username: 'xiangzhen',
      displayName: '格里坪镇 乡镇干部',
      role: 'townshipOfficer',
      entryScope: ['xiqu-geliping'],
      viewScope: ['xiqu-geliping'],
      workTeamId: null,
    },
    {
      username: 'minzheng',
      displayName: '西区民政局 经办人',
      role: 'civilAffairsOfficer',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
      workTeamId: null,
    },
    {
      username: 'renshe',
      displayName: '西区人社局 经办人',
      role: 'hrOfficer',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
      workTeamId: null,
    },
    {
      username: 'secadmin',
      displayName: '安全管理员',
      role: 'securityAdmin',
      entryScope: [],
      viewScope: [],
      workTeamId: null,
    },
    {
      username: 'auditor',
      displayName: '审计管理员',
      role: 'auditAdmin',
      entryScope: [],
      viewScope: [],
      workTeamId: null,
    },
  ];
}

/** The modules' seed steps, in order. */
export const SEED_STEPS: readonly SeedStep[] = [loadListItems, loadHouseholds, loadHouseholdCases, loadProjects];

/**
 * Loads Panzhihua's default data into an empty database, dated from the day it is loaded (`now`; see
 * panzhihua/calendar.ts): the org tree, the work teams, a framework for each year from 2024 through the plan's end
 * (2025) and the current year with its targets and baselines, every published figure of the seed documents,
 * generated values up to the month before last (labelled generated, never replacing a published figure), the open
 * reporting round for last month due on the 10th, then each module's {@link SEED_STEPS} (the four lists' items), and —
 * in demo mode — one account per role with a random password, returned once for printing. Everything is written
 * through the modules' repositories, in one transaction.
 */
export async function loadDefaultData(
  db: Db,
  opts: { now: Date; demoAccounts: boolean; passwords?: Partial<Record<string, string>> },
): Promise<{ loaded: boolean; accounts: DemoAccount[] }> {
  const repos = new SeedRepositories(db);
  if (await repos.org.hasUnits()) return { loaded: false, accounts: [] };
  const at = opts.now.toISOString();
  const calendar = demoCalendar(opts.now);
  const frameworkIdOf = (year: number) => `fw-${year}-v1`;
  const accounts: DemoAccount[] = [];
  const userRows: UserRow[] = [];
  if (opts.demoAccounts) {
    for (const spec of demoAccountSpecs()) {
      const password = opts.passwords?.[spec.username] ?? generatePassword();
      accounts.push({ ...spec, password });
      userRows.push(buildUser({ ...spec, passwordHash: await hashPassword(password), now: at }));
    }
  }

  const demo = generateDemoValues({
    indicators,
    orgUnits,
    targets: targetsForYears(calendar.years.map((y) => y.year)),
    baselines,
    published: publishedValues,
    years: calendar.years,
    seed: 20240101,
  });
  const publishedKeys = new Set(publishedValues.map((v) => `${v.indicatorCode}|${v.orgUnitId}|${v.period}`));
  const valueRow = (v: SeedPublishedValue, origin: 'published' | 'generated'): ValueRow => ({
    id: crypto.randomUUID(),
    indicator_code: v.indicatorCode,
    org_unit_id: v.orgUnitId,
    period: v.period,
    year: parsePeriod(v.period).year,
    value: v.value,
    status: 'published',
    origin,
    source_doc: v.source.doc,
    source_quote: v.source.quote ?? null,
    note: null,
    return_reason: null,
    version: 1,
    updated_by: null,
    updated_at: at,
    submitted_by: null,
    submitted_at: null,
    reviewed_by: null,
    reviewed_at: null,
  });
  const unitPaths = paths(orgUnits);
  const bundleOf = (year: number, status: 'draft' | 'published'): FrameworkBundle => {
    const frameworkId = frameworkIdOf(year);
    return {
      framework: {
        id: frameworkId,
        year,
        version: 1,
        name: `攀枝花市共同富裕试验区监测评价指标体系（${year}年）`,
        status,
        based_on_id: null,
        created_at: at,
        created_by: null,
        published_at: status === 'published' ? at : null,
        published_by: null,
        row_version: 1,
      },
      dimensions: dimensions.map((d) => ({
        id: crypto.randomUUID(),
        framework_id: frameworkId,
        code: d.code,
        parent_code: d.parentCode,
        name: d.name,
        name_en: d.nameEn,
        work_team_id: d.workTeamId,
        weight: d.weight,
        sort: d.sort,
      })),
      indicators: indicators.map((i) => ({
        id: crypto.randomUUID(),
        framework_id: frameworkId,
        code: i.code,
        dimension_code: i.dimensionCode,
        name: i.name,
        name_en: i.nameEn,
        unit: i.unit,
        direction: i.direction,
        frequency: i.frequency,
        value_kind: i.valueKind,
        lead_department_id: i.leadDepartmentId,
        work_team_id: i.workTeamId,
        data_source: i.dataSource,
        definition: i.definition,
        weight: i.weight,
        formula: i.formula,
        scope: i.scope,
        reporting_unit_ids: i.reportingUnitIds ? JSON.stringify(i.reportingUnitIds) : null,
        fed_by: i.fedBy ?? null,
        city_formula: i.cityFormula ?? null,
        headline: i.headline ? 1 : 0,
        gap: i.gap,
        min_value: i.minValue,
        max_value: i.maxValue,
        seasonal_profile: i.seasonalProfile ? JSON.stringify(i.seasonalProfile) : null,
        source_doc: i.source.doc,
        source_quote: i.source.quote ?? null,
        sort: i.sort,
      })),
      targets: targetsForYear(year).map((t) => ({
        id: crypto.randomUUID(),
        framework_id: frameworkId,
        indicator_code: t.indicatorCode,
        org_unit_id: t.orgUnitId,
        year: t.year,
        kind: t.kind,
        comparison: t.comparison,
        floor: t.floor,
        stretch: t.stretch,
        upper: t.upper,
        // The seeds state no zero points: every target keeps the documented default (docs/evaluation.md).
        zero_point: null,
        source_doc: t.source.doc,
        source_quote: t.source.quote ?? null,
      })),
      baselines: baselines.map((x) => ({
        framework_id: frameworkId,
        indicator_code: x.indicatorCode,
        org_unit_id: x.orgUnitId,
        year: x.year,
        value: x.value,
        source_doc: x.source.doc,
        source_quote: x.source.quote ?? null,
      })),
    };
  };

  await repos.transaction(async (tx) => {
    // Parents before children: the foreign key checks each row as it goes in.
    const ordered = [...orgUnits].sort(
      (a, b) => (unitPaths.get(a.id)?.length ?? 0) - (unitPaths.get(b.id)?.length ?? 0),
    );
    await repos.org.insertUnits(
      tx,
      ordered.map((u) => ({
        id: u.id,
        parent_id: u.parentId,
        code: u.code,
        name: u.name,
        name_en: u.nameEn,
        kind: u.kind,
        urban: u.urban === null ? null : u.urban ? 1 : 0,
        sort: u.sort,
        path: unitPaths.get(u.id) as string,
      })),
    );
    await repos.org.insertWorkTeams(
      tx,
      workTeams.map((t) => ({ id: t.id, name: t.name, name_en: t.nameEn, grp: t.group, sort: t.sort })),
    );
    for (const { year, status } of calendar.years) await repos.frameworks.insertBundle(tx, bundleOf(year, status));
    await repos.values.insertMany(tx, [
      ...publishedValues.map((v) => valueRow(v, 'published')),
      ...demo
        .filter((v) => !publishedKeys.has(`${v.indicatorCode}|${v.orgUnitId}|${v.period}`))
        .map((v) => valueRow(v, 'generated')),
    ]);
    if (userRows.length > 0) await repos.users.insertMany(tx, userRows);
    // The round of last month, in the framework of its year (none when that year has no framework: loaded in 2024-01).
    if (calendar.years.some((y) => y.year === calendar.round.year)) {
      await repos.rounds.insert(tx, {
        id: crypto.randomUUID(),
        framework_id: frameworkIdOf(calendar.round.year),
        period: calendar.round.period,
        due_date: calendar.round.dueDate,
        status: 'open',
        opened_by: userRows[1]?.id ?? 'system',
        opened_at: at,
      });
    }
    const env: SeedEnv = { repos, now: opts.now, calendar, frameworkIdOf };
    for (const step of SEED_STEPS) await step(tx, env);
  });
  return { loaded: true, accounts };
}
