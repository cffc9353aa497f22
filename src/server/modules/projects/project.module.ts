import type { Access } from '../../access/policy.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { UnitTargets } from '../../../domain/projects/aggregates.ts';
import { ProjectRepository } from './project.repository.ts';
import { ProjectService, type IssueNotice } from './project.service.ts';

export { ProjectService, PROJECT_FEEDS } from './project.service.ts';

/**
 * The ledger's targets that the seeds state (西区 2025: "统筹实施好43个省市重点项目，新开工17个以上、竣工8个以上",
 * "确保项目储备规模动态保持在80亿元以上"; the city 2024: "统筹实施200个以上省市重点项目，新开工80个以上、竣工30个以上",
 * "力争全市重点项目完成投资290亿元"). Amounts in 万元.
 */
export function seedTargets(cityId: string, xiquId: string) {
  return (year: number): ReadonlyMap<string, UnitTargets> => {
    const m = new Map<string, UnitTargets>();
    if (year === 2024) m.set(cityId, { keyProjects: 200, newStarts: 80, completions: 30, investment: 2_900_000 });
    if (year === 2025) m.set(xiquId, { keyProjects: 43, newStarts: 17, completions: 8, reserve: 800_000 });
    return m;
  };
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
  },
): ProjectService {
  return new ProjectService({
    repo: new ProjectRepository(db),
    org: deps.org,
    access: deps.access,
    clock: deps.clock,
    auditor: deps.auditor,
    issueNotice: deps.issueNotice,
    targets: (year) => {
      const org = deps.org();
      return seedTargets(org.root()?.id ?? 'city', 'xiqu')(year);
    },
    changed: () => deps.events.emit('projects.changed', {}),
  });
}
