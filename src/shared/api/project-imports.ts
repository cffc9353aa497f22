/**
 * Answers of the ledger's Excel imports (src/server/modules/projects/project.import.ts), shared by the server and
 * the web: the project import and the monthly return import (月度调度). A refused file answers the error catalogue's
 * 422 (every bad cell by sheet, row and column) or 409 (every row changed since the template was made).
 */
import { z } from 'zod';
import { localizedSchema } from './common.ts';

export const importWarningSchema = z.object({
  sheet: z.string().optional(),
  row: z.number().optional(),
  column: z.string().optional(),
  field: z.string(),
  message: z.string(),
  text: localizedSchema,
});
export type ImportWarningView = z.infer<typeof importWarningSchema>;

export const returnImportResponseSchema = z.object({
  month: z.string(),
  /** Returns written (as drafts). */
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
  /** Rows left empty (nothing filled in for the project). */
  skipped: z.number(),
  returns: z.array(z.object({ id: z.string(), projectId: z.string(), code: z.string(), version: z.number() })),
  /** The plausibility warnings (超进度, rollback …) the reviewer will see, by cell. */
  warnings: z.array(importWarningSchema),
});
export type ReturnImportResponse = z.infer<typeof returnImportResponseSchema>;

export const projectImportResponseSchema = z.object({
  imported: z.number(),
  skipped: z.number(),
  ids: z.array(z.string()),
});
export type ProjectImportResponse = z.infer<typeof projectImportResponseSchema>;
