/**
 * Core vocabulary of the indicator framework and its evaluation (DOMAIN.md §2.1–2.2).
 * Pure types: shared by server, web and CLI.
 */

/** Higher is better (GDP growth) or lower is better (urban–rural income ratio, CPI, unemployment). */
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * - `cumulative`: a year-to-date amount (investment, new jobs) — judged against time-elapsed progress.
 * - `rate`: a year-to-date growth rate (GDP growth %) — compared with the annual target directly.
 * - `level`: a level or ratio at a point in time (income ratio, good-air-days rate) — compared directly.
 */
export const VALUE_KINDS = ['cumulative', 'rate', 'level'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/**
 * How the actual is compared with the target:
 * - `atLeast`: floor (确保) and stretch (力争) are minimums ("以上", "≥").
 * - `atMost`: ceilings ("控制在 3.5% 以内", "低于 4.5%"); the stretch, if any, is the lower, better ceiling.
 * - `between`: the actual must lie in [floor, upper].
 */
export const COMPARISONS = ['atLeast', 'atMost', 'between'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface Target {
  comparison: Comparison;
  /** 确保: must be reached. Null for a stretch-only target. */
  floor: number | null;
  /** 力争: striven for. Null for a one-tier target. */
  stretch: number | null;
  /** Upper bound, only for `between`. */
  upper: number | null;
  /** A zero point the indicator states (scores 0); absent or null for the documented default per kind of value. */
  zeroPoint?: number | null;
}

export const EVALUATION_STATUSES = [
  'stretchMet',
  'floorMet',
  'behindSchedule',
  'belowFloor',
  'noData',
  'noTarget',
] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const COLOURS = ['green', 'yellow', 'red', 'grey'] as const;
export type Colour = (typeof COLOURS)[number];

/** Org unit kinds. Regions form the administrative tree; departments and work teams hang under the city. */
export type OrgUnitKind =
  'city' | 'district' | 'county' | 'zone' | 'township' | 'street' | 'village' | 'community' | 'department';

/**
 * `admin`, `securityAdmin` and `auditAdmin` are the three privileged roles of the separation of duties (三权分立):
 * accounts and configuration; security policy, roles and scopes; the audit trail. The rest are business roles.
 * Who may grant what is decided in src/server/security/duties.ts (docs/security.md).
 */
export const ROLES = [
  'admin',
  'securityAdmin',
  'auditAdmin',
  'coordinator',
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
  // Low-income household monitoring (issue 8): they see personal data, so they always use the second factor.
  'villageCadre',
  'townshipOfficer',
  'civilAffairsOfficer',
  'hrOfficer',
] as const;
export type Role = (typeof ROLES)[number];

/** Lifecycle of a reported value: 填报 → 提交 → 审核通过/退回 → 发布. */
export const VALUE_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];
