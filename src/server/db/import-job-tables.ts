import type { Database } from './schema.ts';

/** Income-survey import jobs (migration 0009-household-rules-imports). Instants ISO-8601 text. */
export interface ImportJobRow {
  id: string;
  /** queued | running | done | failed | cancelled */
  status: string;
  /** csv | xlsx */
  format: string;
  file_name: string;
  bytes: number;
  /** reading | checking | writing | done */
  phase: string;
  rows_read: number;
  rows_total: number | null;
  households: number;
  members: number;
  /** JSON `{ list: FieldIssue[], count }`: the bad cells, by row and column. */
  problems: string | null;
  /** JSON `{ zh, en }`: the outcome in words. */
  message: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  /** The server process running the job, `host:pid` (migration 0014); null before it starts. */
  runner: string | null;
}

/** The file of an import job not yet finished, encrypted (migration 0014). */
export interface ImportFileRow {
  /** The job's id. */
  id: string;
  data: string;
}

// A type alias, not an interface: `withTables` wants an index-compatible record.
export type ImportJobTables = { household_import_jobs: ImportJobRow; household_import_files: ImportFileRow };
export type ImportJobDatabase = Database & ImportJobTables;
