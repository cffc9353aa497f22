import { KEY_LEVELS, LIGHT_COLOUR_NAMES, LIGHT_KIND_NAMES } from '../../../domain/projects/types.ts';
import type { Light, LightColour, ProjectLevel, UnitAggregate } from '../../../domain/projects/index.ts';
import { projectFilterSchema, type ProjectFilter } from '../../../shared/api/projects.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { ProjectView } from '../projects/project.service.ts';
import type { BulletinSection } from './bulletin.content.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** The laggards the bulletin names; the count says how many there are in all. */
const MAX_LAGGARDS = 30;

/** One project as the section reads it (the ledger's view of it, as the ledger page shows it). */
export interface BulletinProject {
  code: string;
  name: string;
  districtName: string;
  level: ProjectLevel;
  planned: number | null;
  ytd: number;
  light: LightColour;
  lights: readonly Light[];
  actualStart: string | null;
  actualCompletion: string | null;
}

export interface ProjectsBulletinInput {
  /** The month the aggregates judge (the cockpit card's). */
  month: string;
  scopeName: string;
  /** The aggregate of the reader's scope (the city for the centre): the cockpit card's figures. */
  total: UnitAggregate & { unitName: string; lights: Record<LightColour, number> };
  districts: (UnitAggregate & { unitName: string; lights: Record<LightColour, number> })[];
  projects: readonly BulletinProject[];
}

/** 万元 → 亿元 with two decimals: the rounding of the framework's feed (D2-33, D2-34), so the figures agree. */
const yi = (wan: number) => Math.round(wan / 100) / 100;
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/**
 * The bulletin's 项目为王 section: investment against the plan and against time-elapsed progress, new starts and
 * completions against their targets (the ledger's aggregates: the cockpit card's and the framework's figures), by
 * district; the laggards with their lights' reasons; the year's new starts and completions, named.
 *
 * @example a city at 2025-05 with 96.12亿元 of 240.5亿元 → "…完成投资96.12亿元，为年度计划240.5亿元的40.0%，
 *   序时进度41.7%，滞后1.7个百分点…"
 */
export function projectsSection(input: ProjectsBulletinInput, position: number, firstTable: number): BulletinSection {
  const numeral = NUMERALS[position] ?? String(position + 1);
  const a = input.total;
  const [year, month] = input.month.split('-');
  const when = `${year}年1—${Number(month)}月`;
  const endOfMonth = `${input.month}-31`;
  const inYear = (d: string | null) => d !== null && d.startsWith(`${year}-`) && d <= endOfMonth;
  // The aggregate counts key projects in the year's plan (aggregates.ts); the lists name the same projects.
  const counted = input.projects.filter((p) => p.planned !== null && KEY_LEVELS.includes(p.level));
  const starts = counted.filter((p) => inYear(p.actualStart));
  const completions = counted.filter((p) => inYear(p.actualCompletion));
  const severity: Record<LightColour, number> = { red: 0, yellow: 1, green: 2, none: 3 };
  const laggards = input.projects
    .filter((p) => p.light === 'red' || p.light === 'yellow')
    .sort(
      (x, y) =>
        severity[x.light] - severity[y.light] ||
        (x.planned ? x.ytd / x.planned : 1) - (y.planned ? y.ytd / y.planned : 1) ||
        x.code.localeCompare(y.code),
    );
  const shown = laggards.slice(0, MAX_LAGGARDS);
  const against = (c: { actual: number; target: number | null }) =>
    c.target === null ? `${c.actual}个` : `${c.actual}个（目标${c.target}个${c.actual >= c.target ? '，已完成' : ''}）`;
  const points = a.pointsAgainstTime;
  const pace =
    points === null
      ? '尚无年度计划'
      : `序时进度${pct(a.timeElapsed)}%，${points >= 0 ? '超' : '滞后'}序时进度${Math.abs(Math.round(points * 10) / 10)}个百分点`;
  const paragraphs = [
    `${when}，${input.scopeName}${a.keyProjects.actual}个省市重点项目完成投资${yi(a.ytd)}亿元，` +
      (a.planned > 0 ? `为年度计划${yi(a.planned)}亿元的${pct(a.rate)}%，` : '') +
      `${pace}；新开工${against(a.newStarts)}，竣工${against(a.completions)}；` +
      `储备项目${a.reserve.count}个、总投资${yi(a.reserve.actual)}亿元。`,
    laggards.length === 0
      ? '重点项目均按计划推进，无红灯、黄灯项目。'
      : `红灯项目${input.projects.filter((p) => p.light === 'red').length}个、黄灯项目${input.projects.filter((p) => p.light === 'yellow').length}个，` +
        `原因见表${firstTable + 1}${laggards.length > shown.length ? `（列出滞后最多的${shown.length}个）` : ''}，请所在区县和项目业主单位对照整改。`,
  ];
  const reasons = (p: BulletinProject) =>
    p.lights
      .filter((l) => l.colour === 'red' || l.colour === 'yellow')
      .map((l) => `${LIGHT_KIND_NAMES[l.kind].zh}（${LIGHT_COLOUR_NAMES[l.colour].zh}）：${l.explanation.zh}`)
      .join('；');
  return {
    heading: `${numeral}、项目为王（重大项目）`,
    paragraphs,
    tables: [
      {
        title: `表${firstTable} 分区县重点项目投资完成情况`,
        header: [
          '地区',
          '重点项目（个）',
          '年度计划（亿元）',
          '本年完成（亿元）',
          '完成率（%）',
          '较序时进度（百分点）',
          '新开工（个）',
          '竣工（个）',
          '红灯',
          '黄灯',
        ],
        rows: [a, ...input.districts].map((u) => [
          u === a ? input.scopeName : u.unitName,
          u.keyProjects.actual,
          yi(u.planned),
          yi(u.ytd),
          pct(u.rate),
          u.pointsAgainstTime === null ? null : Math.round(u.pointsAgainstTime * 10) / 10,
          u.newStarts.actual,
          u.completions.actual,
          u.lights.red,
          u.lights.yellow,
        ]),
        colours: [a, ...input.districts].map((u) =>
          u.pointsAgainstTime === null
            ? null
            : u.pointsAgainstTime < -30
              ? 'red'
              : u.pointsAgainstTime < -10
                ? 'yellow'
                : 'green',
        ),
        decimals: [a, ...input.districts].map(() => null),
      },
      {
        title: `表${firstTable + 1} 滞后重点项目及原因`,
        header: ['项目代码', '项目', '区县', '年度计划（万元）', '本年完成（万元）', '完成率（%）', '灯号', '原因'],
        rows: shown.map((p) => [
          p.code || '—',
          p.name,
          p.districtName,
          p.planned,
          Math.round(p.ytd * 10) / 10,
          p.planned ? pct(p.ytd / p.planned) : null,
          LIGHT_COLOUR_NAMES[p.light].zh,
          reasons(p),
        ]),
        colours: shown.map((p) => (p.light === 'red' ? 'red' : 'yellow')),
      },
      {
        title: `表${firstTable + 2} 本年新开工重点项目`,
        header: ['项目代码', '项目', '区县', '实际开工'],
        rows: starts.map((p) => [p.code || '—', p.name, p.districtName, p.actualStart]),
      },
      {
        title: `表${firstTable + 3} 本年竣工重点项目`,
        header: ['项目代码', '项目', '区县', '实际竣工'],
        rows: completions.map((p) => [p.code || '—', p.name, p.districtName, p.actualCompletion]),
      },
    ],
  };
}

/** What the section reads from the ledger: its aggregates (the cockpit card's) and its projects, in the reader's scope. */
export interface ProjectsSource {
  aggregates(actor: Actor): Promise<{
    month: string;
    units: (UnitAggregate & { unitName: string; lights: Record<LightColour, number> })[];
  }>;
  search(actor: Actor, f: ProjectFilter): Promise<{ views: ProjectView[]; total: number }>;
}

/**
 * The section's input for the reader: the aggregates exactly as `GET /projects/aggregates` answers them (what the
 * cockpit card shows), the card's unit first, and every project the reader sees with its lights.
 */
export async function projectsBulletinInput(
  source: ProjectsSource,
  actor: Actor,
  org: OrgIndex,
): Promise<ProjectsBulletinInput | null> {
  const a = await source.aggregates(actor);
  // The unit the cockpit card shows (src/web/pages/cockpit/ProjectsCard.tsx): the city, else the first in scope.
  const total = a.units.find((u) => u.unitId === org.root()?.id) ?? a.units[0];
  if (!total) return null;
  const projects: BulletinProject[] = [];
  for (let page = 1; ; page++) {
    const answer = await source.search(actor, projectFilterSchema.parse({ page, pageSize: 500 }));
    for (const v of answer.views) {
      projects.push({
        code: v.row.code ?? '',
        name: v.row.name,
        districtName: org.get(v.row.district_id)?.name ?? v.row.district_id,
        level: v.row.level,
        planned: v.planned,
        ytd: v.ytd,
        light: v.light,
        lights: v.lights,
        actualStart: v.row.actual_start,
        actualCompletion: v.row.actual_completion,
      });
    }
    if (answer.views.length < 500 || projects.length >= answer.total) break;
  }
  return {
    month: a.month,
    scopeName: total.unitName,
    total,
    districts: a.units.filter((u) => u !== total),
    projects,
  };
}
