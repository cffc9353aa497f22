import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The tables of migration 0005-households as Kysely sees them (extending `Database` through `withTables`, like the
 * lists). Dates `YYYY-MM-DD`, instants ISO-8601 UTC, booleans 0/1. Flags are the statistics' codes: 0 no,
 * 1 possibly, 2 yes. Personal columns (`head_name`, `name`, `id_number`, `phone`) hold ciphertexts; their `_index`
 * columns the blind indexes (security/personal-data.ts, HOUSEHOLD_MEMBER_PERSONAL).
 */
export interface HouseholdTable {
  id: string;
  code: string;
  village_id: string;
  township_id: string;
  district_id: string;
  urban: number;
  address: string;
  head_name: string;
  head_name_index: string;
  status: 'active' | 'closed';
  size: number;
  income_year: number | null;
  income_low: number | null;
  income_high: number | null;
  income_exact: number;
  class_bits: number;
  flag_below10k: number;
  flag_zero_employment: number;
  flag_no_labour: number;
  flag_near_line: number;
  assessed_on: string;
  generated: number;
  note: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

export interface HouseholdMemberTable {
  id: string;
  household_id: string;
  seq: number;
  name: string;
  name_index: string;
  id_number: string;
  id_index: string;
  id_tail: string;
  phone: string | null;
  phone_index: string | null;
  relation: string;
  sex: 'male' | 'female';
  birth_date: string;
  in_school: number;
  retired: number;
  disability_grade: number | null;
  seriously_ill: number;
  able_to_work: number;
  willing_to_work: number;
  employed: number;
  employed_since: string | null;
  employer: string | null;
  removed_at: string | null;
  removed_reason: string | null;
}

export interface HouseholdIncomeTable {
  id: string;
  household_id: string;
  year: number;
  kind: 'exact' | 'bracket';
  total: number | null;
  wages: number | null;
  business: number | null;
  property: number | null;
  transfers: number | null;
  bracket_low: number | null;
  /** Null for the open top bracket (and for exact figures). */
  bracket_high: number | null;
  source: 'survey' | 'verification' | 'department';
  source_detail: string;
  recorded_on: string;
  recorded_by: string | null;
  created_at: string;
}

export interface HouseholdHistoryTable {
  id: string;
  household_id: string;
  member_id: string | null;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  user_id: string | null;
  at: string;
}

// A type alias, not an interface: `withTables` wants an index-compatible record.
export type HouseholdTables = {
  households: HouseholdTable;
  household_members: HouseholdMemberTable;
  household_incomes: HouseholdIncomeTable;
  household_history: HouseholdHistoryTable;
};

export type HouseholdDatabase = Database & HouseholdTables;
/** A query builder on the household tables: the database or a transaction. */
export type HouseholdQ = Kysely<HouseholdDatabase> | Transaction<HouseholdDatabase>;
