import { ITEM_STATUS_NAMES, LIST_KIND_NAMES } from '../../../domain/lists/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { CockpitService } from '../cockpit/cockpit.service.ts';
import type { ListService } from '../lists/list.service.ts';
import { beijingDate } from '../../../domain/beijing-time.ts';
import { bulletinContent, type Bulletin } from './bulletin.content.ts';
import { endOfPlanSection } from './bulletin.end-of-plan.ts';
import type { EvaluationService } from '../evaluation/evaluation.service.ts';
import { projectsBulletinInput, projectsSection, type ProjectsSource } from './bulletin.projects.ts';

/** The monthly bulletin (通报): the cockpit's figures and the four lists' monthly summary, for one as-of month. */
export class BulletinService {
  private readonly cockpit: CockpitService;
  private readonly lists: ListService;
  private readonly org: () => OrgIndex;
  private readonly clock: Clock;

  private readonly evaluation: EvaluationService | null;
  private readonly projects: ProjectsSource | null;

  constructor(deps: {
    cockpit: CockpitService;
    lists: ListService;
    org: () => OrgIndex;
    clock: Clock;
    evaluation?: EvaluationService;
    /** The project ledger: its 项目为王 section (bulletin.projects.ts). */
    projects?: ProjectsSource;
  }) {
    this.evaluation = deps.evaluation ?? null;
    this.projects = deps.projects ?? null;
    this.cockpit = deps.cockpit;
    this.lists = deps.lists;
    this.org = deps.org;
    this.clock = deps.clock;
  }

  async build(actor: Actor, asOf: string | undefined, options: { endOfPlan?: boolean } = {}): Promise<Bulletin> {
    const b = await this.monthly(actor, asOf);
    // 项目为王 after the month's sections: the ledger's aggregates as the cockpit card shows them.
    if (this.projects) {
      const input = await projectsBulletinInput(this.projects, actor, this.org());
      if (input) {
        const tables = b.sections.reduce((n, s) => n + s.tables.length, 0);
        b.sections.push(projectsSection(input, b.sections.length, tables + 1));
      }
    }
    // 终期评估, when asked for: its own section after the month's (bulletin.end-of-plan.ts).
    if (options.endOfPlan && this.evaluation) {
      b.sections.push(endOfPlanSection(await this.evaluation.endOfPlan(actor, {}), b.sections.length));
    }
    return b;
  }

  private async monthly(actor: Actor, asOf: string | undefined): Promise<Bulletin> {
    const cockpit = await this.cockpit.build(actor, { asOf });
    // The lists as the lists page shows them on the day the bulletin is written (this month in Beijing time), not as
    // of the figures' month: the bulletin never says less about warnings and late reports than the lists do.
    const period = beijingDate(this.clock.now()).slice(0, 7);
    const summary = await this.lists.views.monthlySummary(actor, period);
    const [y, m, d] = beijingDate(this.clock.now()).split('-');
    return bulletinContent({
      cockpit,
      scopeName: this.org().get(cockpit.scopeUnitId)?.name ?? '',
      issuedOn: `${y}年${Number(m)}月${Number(d)}日`,
      listsPeriod: period,
      lists: summary.rows.map((r) => ({
        code: r.code,
        title: r.title,
        kindName: LIST_KIND_NAMES[r.kind].zh,
        leadUnitName: r.leadUnitName,
        leaderName: r.leaderName,
        statusName: ITEM_STATUS_NAMES[r.status].zh,
        colour: r.colour === 'none' ? 'grey' : r.colour,
        percent: r.percent,
        reported: r.reported,
        reportLate: r.reportLate,
        warnings: r.warnings,
      })),
    });
  }
}
