import type { Generated, Kysely, Transaction } from 'kysely';
import type { CaseSource, CaseStatus, CaseWarningKind, MeasureKind } from '../../domain/households/cases.ts';
import type { WarningColour } from '../../domain/lists/types.ts';
import type { Database } from './schema.ts';

/**
 * The tables of the household monitoring cases (migration 0006-household-cases), reached through
 * `kysely.withTables<CaseTables>()` so that the cases module owns its shapes. Dates are `YYYY-MM-DD`, instants
 * ISO-8601 text, booleans 0/1.
 */
export interface HouseholdCaseTable {
  id: string;
  /** 监测〔2026〕12号-style number, unique. */
  code: string;
  /** The registry's household (issue 8's households table). */
  household_id: string;
  village_id: string;
  township_id: string | null;
  district_id: string | null;
  kind: string;
  source: CaseSource;
  /** For a data match: the department; for a flag: the flag; free text otherwise. */
  source_department: string | null;
  source_reason: string;
  status: CaseStatus;
  colour: string;
  opened_on: string;
  lead_date: string;
  visited_on: string | null;
  compared_on: string | null;
  reviewed_on: string | null;
  notice_from: string | null;
  notice_to: string | null;
  township_on: string | null;
  confirmed_on: string | null;
  first_measure_on: string | null;
  last_reverified_on: string | null;
  removed_on: string | null;
  closed_on: string | null;
  dismissed_on: string | null;
  dismiss_reason: string | null;
  /** 1 for the generated demo cases (示例数据). */
  generated: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

export interface HouseholdCaseHistoryTable {
  seq: Generated<number>;
  id: string;
  case_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  user_id: string | null;
  at: string;
}

export interface HouseholdCaseMeasureTable {
  id: string;
  case_id: string;
  kind: MeasureKind;
  description: string;
  /** 帮扶责任人. */
  cadre_name: string;
  cadre_user_id: string | null;
  start_date: string;
  end_date: string | null;
  outcome: string | null;
  created_at: string;
  created_by: string | null;
}

export interface HouseholdCaseVisitTable {
  id: string;
  case_id: string;
  visited_on: string;
  cadre_name: string;
  cadre_user_id: string | null;
  findings: string;
  created_at: string;
}

export interface HouseholdCaseReverificationTable {
  id: string;
  case_id: string;
  verified_on: string;
  per_capita_income: number;
  above_line_since: string | null;
  employed_since: string | null;
  rigid_costs_solved: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface HouseholdCaseWarningTable {
  id: string;
  case_id: string;
  kind: CaseWarningKind;
  ref: string;
  colour: WarningColour;
  reason_zh: string;
  reason_en: string;
  raised_at: string;
  cleared_at: string | null;
  clear_reason: string | null;
}

export interface HouseholdCaseNoticeTable {
  id: string;
  case_id: string;
  code: string;
  origin: 'auto' | 'manual';
  problem: string;
  issued_by: string | null;
  issued_at: string;
  due_date: string;
  status: 'open' | 'answered' | 'closed';
  escalated_at: string | null;
  closed_at: string | null;
  version: number;
}

/** Every version of the monitoring rules (migration 0009), the whole set as JSON; the latest is in force. */
export interface HouseholdRuleHistoryTable {
  id: string;
  version: number;
  rules: string;
  reason: string;
  user_id: string | null;
  at: string;
}

// A type alias, not an interface: `withTables` wants an index-compatible record.
export type CaseTables = {
  household_rule_history: HouseholdRuleHistoryTable;
  household_cases: HouseholdCaseTable;
  household_case_history: HouseholdCaseHistoryTable;
  household_case_measures: HouseholdCaseMeasureTable;
  household_case_visits: HouseholdCaseVisitTable;
  household_case_reverifications: HouseholdCaseReverificationTable;
  household_case_warnings: HouseholdCaseWarningTable;
  household_case_notices: HouseholdCaseNoticeTable;
};

export type CaseDatabase = Database & CaseTables;
/** A query builder on the case tables: the database or a transaction. */
export type CaseQ = Kysely<CaseDatabase> | Transaction<CaseDatabase>;
