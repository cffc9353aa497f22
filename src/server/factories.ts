/**
 * Factories: the complete row of an account, an indicator or a target from the few fields a caller cares about,
 * every other column at the value a new one starts with. Tests, the benchmark fixture and the seed build rows here,
 * so a column added by a migration is filled in one place (issue 11: the 17-field account row was written out six
 * times). Pure: no database, no clock (the caller gives `now`), no password hashing (the caller gives the hash).
 */
import type { Role } from '../domain/types.ts';
import type { IndicatorRow, TargetDbRow } from './modules/frameworks/framework.repository.ts';
import type { UserRow } from './modules/users/user.repository.ts';
import { newUserRow, type NewUserInput } from './modules/users/user.row.ts';

/**
 * An account: the given fields, no scope, no work team, no first-sign-in change, no second factor unless given.
 *
 * @example buildUser({ username: 'xiqu', role: 'districtReporter', entryScope: ['xiqu'], passwordHash, now })
 *   → { username: 'xiqu', display_name: 'xiqu', entry_scope: '["xiqu"]', view_scope: '[]', failed_attempts: 0, … }
 */
export function buildUser(
  input: Pick<NewUserInput, 'username' | 'passwordHash' | 'now'> & { role: Role } & Partial<NewUserInput>,
): UserRow {
  return newUserRow({
    displayName: input.username,
    entryScope: [],
    viewScope: [],
    workTeamId: null,
    mustChangePassword: false,
    ...input,
  });
}

/**
 * An indicator of a framework: a monthly rate in %, higher is better, weight 1, entered by the districts and the
 * city, no formula, not fed by another module, sourced as generated.
 *
 * @example buildIndicator({ framework_id: 'fw', code: 'D1-01', dimension_code: 'D1' })
 *   → { code: 'D1-01', name: 'D1-01', unit: '%', value_kind: 'rate', frequency: 'monthly', weight: 1, … }
 */
export function buildIndicator(
  input: Pick<IndicatorRow, 'framework_id' | 'code' | 'dimension_code'> & Partial<IndicatorRow>,
): IndicatorRow {
  return {
    id: crypto.randomUUID(),
    name: input.code,
    name_en: input.code,
    unit: '%',
    direction: 'higher',
    frequency: 'monthly',
    value_kind: 'rate',
    lead_department_id: null,
    work_team_id: null,
    data_source: 'generated',
    definition: '',
    weight: 1,
    formula: null,
    scope: 'cityAndDistricts',
    reporting_unit_ids: null,
    fed_by: null,
    city_formula: null,
    headline: 0,
    gap: null,
    min_value: null,
    max_value: null,
    seasonal_profile: null,
    source_doc: 'generated',
    source_quote: null,
    sort: 0,
    ...input,
  };
}

/**
 * An annual target of an indicator for a unit: "at least" the floor, no stretch, no stated zero point, generated.
 *
 * @example buildTarget({ framework_id: 'fw', indicator_code: 'D1-01', org_unit_id: 'xiqu', year: 2024, floor: 6.5 })
 *   → { kind: 'annual', comparison: 'atLeast', floor: 6.5, stretch: null, upper: null, zero_point: null, … }
 */
export function buildTarget(
  input: Pick<TargetDbRow, 'framework_id' | 'indicator_code' | 'org_unit_id' | 'year'> & Partial<TargetDbRow>,
): TargetDbRow {
  return {
    id: crypto.randomUUID(),
    kind: 'annual',
    comparison: 'atLeast',
    floor: null,
    stretch: null,
    upper: null,
    zero_point: null,
    source_doc: 'generated',
    source_quote: null,
    ...input,
  };
}
