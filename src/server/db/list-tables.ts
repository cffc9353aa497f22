import type { Generated, Kysely, Transaction } from 'kysely';
import type {
  AdjustmentKind,
  AdjustmentStatus,
  AnswerReview,
  ItemColour,
  ItemStatus,
  ListKind,
  NoticeOrigin,
  NoticeStatus,
  ProblemStatus,
  WarningColour,
  WarningKind,
} from '../../domain/lists/types.ts';
import type { Database } from './schema.ts';

/**
 * The tables of migration 0003-lists as Kysely sees them. They extend the platform's `Database` through
 * `kysely.withTables<ListTables>()` so that this module owns its shapes. Dates are `YYYY-MM-DD`, instants ISO-8601
 * UTC, lists of ids JSON text, booleans 0/1 — as everywhere in Gongfu. Status and kind columns are the domain's unions
 * (src/domain/lists/types.ts): the database holds nothing else, and no reader casts.
 */
export interface ListItemTable {
  id: string;
  code: string;
  kind: ListKind;
  year: number;
  title: string;
  content: string;
  dimension_code: string | null;
  work_team_id: string | null;
  leader_name: string;
  lead_unit_id: string;
  co_unit_ids: string;
  person_in_charge: string;
  contact: string;
  district_id: string | null;
  start_date: string;
  deadline: string;
  original_deadline: string | null;
  target_unit: string | null;
  target_floor: number | null;
  target_stretch: number | null;
  original_floor: number | null;
  original_stretch: number | null;
  target_indicator_code: string | null;
  status: ItemStatus;
  colour: ItemColour;
  progress_pct: number | null;
  issued_at: string | null;
  issued_by: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  completion_requested_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  cancelled_at: string | null;
  source_doc: string;
  source_quote: string | null;
  /** JSON array naming the fields that are generated demo data (e.g. ["leaderName","milestones"]). */
  generated_fields: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

export interface ListMilestoneTable {
  id: string;
  item_id: string;
  seq: number;
  title: string;
  planned_date: string;
  completed_date: string | null;
  evidence: string | null;
  generated: number;
  updated_at: string;
  updated_by: string | null;
}

export interface ListReportTable {
  id: string;
  item_id: string;
  period: string;
  percent: number;
  value: number | null;
  narrative: string;
  evidence: string | null;
  late: number;
  generated: number;
  reported_at: string;
  reported_by: string | null;
}

export interface ListProblemTable {
  id: string;
  item_id: string;
  report_id: string | null;
  description: string;
  owner: string;
  owner_unit_id: string | null;
  due_date: string;
  status: ProblemStatus;
  resolved_at: string | null;
  resolved_by: string | null;
  created_at: string;
}

export interface ListAttachmentTable {
  id: string;
  item_id: string;
  report_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface ListWarningTable {
  id: string;
  item_id: string;
  kind: WarningKind;
  ref: string;
  colour: WarningColour;
  reason_zh: string;
  reason_en: string;
  raised_at: string;
  cleared_at: string | null;
  clear_reason: string | null;
}

export interface ListNoticeTable {
  id: string;
  item_id: string;
  code: string;
  origin: NoticeOrigin;
  problem: string;
  issued_by: string | null;
  issued_at: string;
  due_date: string;
  status: NoticeStatus;
  escalated_at: string | null;
  closed_at: string | null;
  version: number;
}

export interface ListNoticeAnswerTable {
  id: string;
  notice_id: string;
  answer: string;
  answered_by: string | null;
  answered_at: string;
  review: AnswerReview | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface ListAdjustmentTable {
  id: string;
  item_id: string;
  kind: AdjustmentKind;
  reason: string;
  old_deadline: string | null;
  new_deadline: string | null;
  old_floor: number | null;
  new_floor: number | null;
  old_stretch: number | null;
  new_stretch: number | null;
  requested_by: string;
  requested_at: string;
  status: AdjustmentStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface ListItemHistoryTable {
  seq: Generated<number>;
  id: string;
  item_id: string;
  action: string;
  from_status: ItemStatus | null;
  to_status: ItemStatus | null;
  note: string | null;
  user_id: string | null;
  at: string;
}

// A type alias, not an interface: `withTables` wants an index-compatible record.
export type ListTables = {
  list_items: ListItemTable;
  list_milestones: ListMilestoneTable;
  list_reports: ListReportTable;
  list_problems: ListProblemTable;
  list_attachments: ListAttachmentTable;
  list_warnings: ListWarningTable;
  list_notices: ListNoticeTable;
  list_notice_answers: ListNoticeAnswerTable;
  list_adjustments: ListAdjustmentTable;
  list_item_history: ListItemHistoryTable;
};

export type ListDatabase = Database & ListTables;
/** A query builder on the list tables: the database or a transaction. */
export type ListQ = Kysely<ListDatabase> | Transaction<ListDatabase>;
