import type { ColumnType, Generated } from 'kysely';
import type { ValueStatus } from '../../domain/types.ts';
import type { ValueOrigin } from '../../domain/values/status.ts';

/**
 * Table shapes as Kysely sees them. Both dialects store the same way:
 * booleans as 0/1 integers, timestamps as ISO-8601 text (UTC), JSON as text.
 */
export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string;
  kind: string;
  urban: number | null;
  sort: number;
  /** Materialised path '/city/xiqu/' so that "this unit and its descendants" is one LIKE. */
  path: string;
}

export interface WorkTeamTable {
  id: string;
  name: string;
  name_en: string;
  grp: string;
  sort: number;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  /** JSON array of org unit ids; each includes its descendants. */
  entry_scope: string;
  view_scope: string;
  work_team_id: string | null;
  must_change_password: number;
  password_changed_at: string;
  /** JSON array of the last password hashes (newest first). */
  password_history: string;
  failed_attempts: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  recovery_codes: string | null;
  /** The last accepted TOTP step (migration 0002): a code is never accepted twice. */
  totp_last_step: number | null;
  disabled: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** Who reset the password (migration 0008), until the owner sets a new one: a user name or `cli:<user>`. */
  password_reset_by: string | null;
  password_reset_at: string | null;
  password_reset_ip: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a leaked table does not yield usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
  /** Set when the second factor is still owed. */
  pending_mfa: number;
  ended_at: string | null;
}

export interface FrameworkTable {
  id: string;
  year: number;
  version: number;
  name: string;
  status: string;
  based_on_id: string | null;
  created_at: string;
  created_by: string | null;
  published_at: string | null;
  published_by: string | null;
  row_version: number;
}

export interface DimensionTable {
  id: string;
  framework_id: string;
  code: string;
  parent_code: string | null;
  name: string;
  name_en: string;
  work_team_id: string | null;
  weight: number;
  sort: number;
}

export interface IndicatorTable {
  id: string;
  framework_id: string;
  code: string;
  dimension_code: string;
  name: string;
  name_en: string;
  unit: string;
  direction: string;
  frequency: string;
  value_kind: string;
  lead_department_id: string | null;
  work_team_id: string | null;
  data_source: string;
  definition: string;
  weight: number;
  formula: string | null;
  scope: string;
  /** JSON array: only these units report it (null: the scope decides). */
  reporting_unit_ids: string | null;
  /** Values supplied by another module at evaluation time (e.g. 'lists.reformOnSchedule'), never entered. */
  fed_by: string | null;
  /** The city's figure as an aggregate of its parts, e.g. `SUM({D5-04}, COUNTIES)` (migration 0004); null: none. */
  city_formula: string | null;
  headline: number;
  gap: string | null;
  min_value: number | null;
  max_value: number | null;
  seasonal_profile: string | null;
  source_doc: string;
  source_quote: string | null;
  sort: number;
}

export interface TargetTable {
  id: string;
  framework_id: string;
  indicator_code: string;
  org_unit_id: string;
  year: number;
  kind: string;
  comparison: string;
  floor: number | null;
  stretch: number | null;
  upper: number | null;
  /** The stated zero point (scores 0); null for the documented default. Optional on insert (migration 0010). */
  zero_point: ColumnType<number | null, number | null | undefined, number | null>;
  source_doc: string;
  source_quote: string | null;
}

export interface BaselineTable {
  framework_id: string;
  indicator_code: string;
  org_unit_id: string;
  year: number;
  value: number;
  source_doc: string;
  source_quote: string | null;
}

export interface IndicatorValueTable {
  id: string;
  indicator_code: string;
  org_unit_id: string;
  period: string;
  year: number;
  value: number | null;
  status: ValueStatus;
  /** reported (entered by a user), published (a figure from a source document), generated (demo data). */
  origin: ValueOrigin;
  source_doc: string | null;
  source_quote: string | null;
  note: string | null;
  return_reason: string | null;
  version: number;
  updated_by: string | null;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface ValueHistoryTable {
  id: string;
  value_id: string;
  action: string;
  old_value: number | null;
  new_value: number | null;
  old_status: string | null;
  new_status: string;
  reason: string | null;
  user_id: string | null;
  at: string;
  seq: Generated<number>;
  /** Where an imported value came from (migration 0015): `dhis2-json:<token name>:<file>`; null when entered. */
  source: string | null;
}

export interface PeriodLockTable {
  period: string;
  locked_by: string;
  locked_at: string;
}

/** A reporting round is open until the coordination centre closes it. */
export type RoundStatus = 'open' | 'closed';

export interface ReportingRoundTable {
  id: string;
  framework_id: string;
  period: string;
  due_date: string;
  status: RoundStatus;
  opened_by: string;
  opened_at: string;
}

/** A reminder (催报) the coordination centre sent to a unit's reporters in a round (migration 0020). */
export interface RoundReminderTable {
  id: string;
  round_id: string;
  org_unit_id: string;
  sent_by: string;
  sent_at: string;
  note: string | null;
  recipients: number;
}

export interface EvaluationResultTable {
  framework_id: string;
  indicator_code: string;
  org_unit_id: string;
  period: string;
  actual: number | null;
  status: string;
  colour: string;
  score: number | null;
  deviation: number | null;
  elapsed_share: number | null;
  explanation: string;
  computed_at: string;
}

export interface CompositeScoreTable {
  framework_id: string;
  org_unit_id: string;
  period: string;
  /** Dimension code, or '*' for the overall composite. */
  dimension_code: string;
  score: number | null;
  rank: number | null;
  coverage: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  username: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
  /** The hash function of this record (migration 0008): 'sha256' or 'sm3'. */
  hash_alg: string;
}

/** Migration 0008: what the security and audit administrators must look at (see src/server/security/alerts.ts). */
export interface SecurityAlertTable {
  id: string;
  at: string;
  kind: string;
  user_id: string | null;
  username: string | null;
  /** JSON. */
  detail: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  note: string | null;
}

/** Migration 0013: counters that move with every change of a kind (`sessions`). */
export interface SharedGenerationTable {
  name: string;
  generation: number;
}

/** Migration 0013: a sign-in rate limit's sliding window per key; `hits` JSON array of ms, oldest first. */
export interface RateLimitWindowTable {
  key: string;
  hits: string;
  expires_at: string;
}

/** Migration 0013: the lockout of a name without an account (an account's is in `users`). */
export interface SignInLockoutTable {
  key: string;
  failed_attempts: number;
  locked_until: string | null;
  updated_at: string;
}

export interface Database {
  org_units: OrgUnitTable;
  work_teams: WorkTeamTable;
  users: UserTable;
  sessions: SessionTable;
  frameworks: FrameworkTable;
  dimensions: DimensionTable;
  indicators: IndicatorTable;
  targets: TargetTable;
  baselines: BaselineTable;
  indicator_values: IndicatorValueTable;
  value_history: ValueHistoryTable;
  period_locks: PeriodLockTable;
  reporting_rounds: ReportingRoundTable;
  round_reminders: RoundReminderTable;
  evaluation_results: EvaluationResultTable;
  composite_scores: CompositeScoreTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
  security_alerts: SecurityAlertTable;
  shared_generations: SharedGenerationTable;
  rate_limit_windows: RateLimitWindowTable;
  sign_in_lockouts: SignInLockoutTable;
}
