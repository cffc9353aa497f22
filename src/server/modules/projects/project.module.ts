import type { Access } from '../../access/policy.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { UnitTargets } from '../../../domain/projects/aggregates.ts';
import type { FrameworkRepository } from '../frameworks/framework.repository.ts';
import { ProjectRepository } from './project.repository.ts';
import { ProjectService, type IssueNotice } from './project.service.ts';

export { ProjectService, PROJECT_FEEDS } from './project.service.ts';

/**
 * The framework's indicators that hold the ledger's targets, and which target each is (D2-30 key projects, D2-31 new
 * starts, D2-32 completions, D2-33 the year's investment and D2-36 the reserve, both in 亿元). 西区 2025: "统筹实施好43个
 * 省市重点项目，新开工17个以上、竣工8个以上", "确保项目储备规模动态保持在80亿元以上"; the city 2024: "统筹实施200个以上省市重点
 * 项目，新开工80个以上、竣工30个以上", "力争全市重点项目完成投资290亿元" (src/server/seed/panzhihua/targets.ts).
 */
export const TARGET_INDICATORS: Readonly<Record<string, { kind: keyof UnitTargets; wanPerUnit: number }>> = {
  'D2-30': { kind: 'keyProjects', wanPerUnit: 1 },
  'D2-31': { kind: 'newStarts', wanPerUnit: 1 },
  'D2-32': { kind: 'completions', wanPerUnit: 1 },
  'D2-33': { kind: 'investment', wanPerUnit: 10_000 },
  'D2-36': { kind: 'reserve', wanPerUnit: 10_000 },
};

/**
 * The ledger's targets of a year per unit, as the framework of that year holds them (its newest published version,
 * else its newest draft): each indicator's annual target for the year, the floor (确保) where there is one, else the
 * stretch (力争); generated example targets are left out. Amounts in 万元.
 *
 * @example await frameworkTargets(repo, 2025) // → Map { 'xiqu' → { keyProjects: 43, newStarts: 17, completions: 8, reserve: 800000 } }
 */
export async function frameworkTargets(
  frameworks: FrameworkRepository,
  year: number,
): Promise<ReadonlyMap<string, UnitTargets>> {
  const versions = (await frameworks.list()).filter((f) => f.year === year);
  const framework = versions.find((f) => f.status === 'published') ?? versions[0];
  const out = new Map<string, UnitTargets>();
  if (!framework) return out;
  const bundle = await frameworks.bundle(framework.id);
  for (const t of bundle?.targets ?? []) {
    const indicator = TARGET_INDICATORS[t.indicator_code];
    // A generated target (示例数据) is not a target the city set: the ledger's pages show no target then.
    if (!indicator || t.year !== year || t.kind !== 'annual' || t.source_doc === 'generated') continue;
    const value = t.floor ?? t.stretch;
    if (value === null) continue;
    const unit = out.get(t.org_unit_id) ?? {};
    unit[indicator.kind] = value * indicator.wanPerUnit;
    out.set(t.org_unit_id, unit);
  }
  return out;
}

/** The ledger module as the app context wires it. */
export function createProjectService(
  db: Db,
  deps: {
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    auditor: Auditor;
    events: EventBus;
    issueNotice: IssueNotice;
    frameworks: FrameworkRepository;
  },
): ProjectService {
  const service = new ProjectService({
    repo: new ProjectRepository(db),
    org: deps.org,
    access: deps.access,
    clock: deps.clock,
    auditor: deps.auditor,
    issueNotice: deps.issueNotice,
    targets: (year) => frameworkTargets(deps.frameworks, year),
    changed: () => deps.events.emit('projects.changed', {}),
  });
  deps.events.on('framework.changed', () => service.targetsChanged());
  return service;
}
