import type { Generated, Kysely, Transaction } from 'kysely';
import type { PlanStatus, ProjectLevel, ProjectStage, ReturnStatus } from '../../domain/projects/types.ts';
import type { ListTables } from './list-tables.ts';
import type { Database } from './schema.ts';

/**
 * The tables of the major-project ledger (migration 0007-projects), reached through `kysely.withTables<…>()` so
 * that the projects module owns its shapes. Amounts in 万元; dates `YYYY-MM-DD`, months `YYYY-MM`, instants ISO-8601
 * text, booleans 0/1, JSON as text.
 */
export interface ProjectTable {
  id: string;
  /** The national project code (投资项目统一代码), unique; null while a reserve project has none. */
  code: string | null;
  name: string;
  owner: string;
  level: ProjectLevel;
  chain: string;
  district_id: string;
  total_investment: number;
  /** JSON `[{ source, amount }]`. */
  funding: string;
  stage: ProjectStage;
  stage_since: string | null;
  planned_start: string | null;
  planned_completion: string | null;
  planned_production: string | null;
  actual_start: string | null;
  actual_completion: string | null;
  actual_production: string | null;
  statistics_status: string;
  content: string;
  list_item_id: string | null;
  source_doc: string | null;
  /** 1 when the project itself is generated example data (示例数据). */
  generated: number;
  /** JSON array of the fields that are generated or to be confirmed. */
  generated_fields: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: number;
  /**
   * Migration 0012: the stored lights (JSON, green ones included, each with its reason), the colour, the judged
   * year's plan and approved year to date, the day they were judged for and the recomputation's stamp.
   */
  lights: Generated<string>;
  light: Generated<string>;
  judged_planned: number | null;
  judged_ytd: Generated<number>;
  lights_on: string | null;
  lights_stamp: Generated<string>;
}

export interface ProjectStageEventTable {
  id: string;
  project_id: string;
  stage: ProjectStage;
  on_date: string;
  adjustment_id: string | null;
  at: string;
  by_user: string | null;
}

export interface ProjectAdjustmentTable {
  id: string;
  project_id: string;
  from_stage: ProjectStage;
  to_stage: ProjectStage;
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'used';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string;
}

export interface ProjectPlanTable {
  id: string;
  project_id: string;
  year: number;
  planned: number;
  /** JSON array of twelve shares, or null for the default seasonal profile. */
  profile: string | null;
  start_month: number | null;
  completion_month: number | null;
  note: string;
  status: PlanStatus;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  comment: string;
  generated: number;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

export interface ProjectReturnTable {
  id: string;
  project_id: string;
  month: string;
  this_month: number;
  ytd: number;
  since_start: number;
  progress_text: string;
  progress_percent: number;
  workers: number;
  status: ReturnStatus;
  /** JSON array of the plausibility warnings when it was saved. */
  warnings: string;
  filed_by: string | null;
  filed_at: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  comment: string;
  generated: number;
  updated_at: string;
  version: number;
}

export interface ProjectReturnProblemTable {
  id: string;
  return_id: string;
  project_id: string;
  description: string;
  owner_unit_id: string;
  due_date: string;
  status: 'open' | 'resolved';
  list_problem_id: string | null;
  notice_id: string | null;
  created_at: string;
}

export interface ProjectAttachmentTable {
  id: string;
  project_id: string;
  return_id: string | null;
  /** The return's figure the file backs (thisMonth, ytd, sinceStart, progress, workers); null for the whole return (migration 0011). */
  figure: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface ProjectHistoryTable {
  id: string;
  project_id: string;
  action: string;
  detail: string;
  user_id: string | null;
  at: string;
}

// A type alias, not an interface: `withTables` wants an index-compatible record.
export type ProjectTables = {
  projects: ProjectTable;
  project_stage_events: ProjectStageEventTable;
  project_adjustments: ProjectAdjustmentTable;
  project_plans: ProjectPlanTable;
  project_returns: ProjectReturnTable;
  project_return_problems: ProjectReturnProblemTable;
  project_attachments: ProjectAttachmentTable;
  project_history: ProjectHistoryTable;
};

/** The ledger reads the lists' items (responsibility) and writes their problems and notices. */
export type ProjectDatabase = Database & ListTables & ProjectTables;
export type ProjectQ = Kysely<ProjectDatabase> | Transaction<ProjectDatabase>;
