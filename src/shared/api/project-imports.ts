/**
 * Answers of the ledger's Excel imports (src/server/modules/projects/project.import.ts), shared by the server and
 * the web: the project import and the monthly return import (月度调度). A refused file answers the error catalogue's
 * 422 (every bad cell by sheet, row and column) or 409 (every row changed since the template was made).
 */
import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { idSchema, localizedSchema } from './common.ts';
import { evidenceFigureSchema, evidenceSchema, projectRoutes } from './projects.ts';

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

const MULTIPART = ['multipart/form-data'] as const;

/**
 * The ledger's uploads (multipart field `file`), in the route table like the rest; the templates and the export are
 * file routes, registered directly in project.excel.ts.
 */
export const projectUploadRoutes = {
  importProjects: defineRoute({
    method: 'POST',
    path: '/projects/import',
    tags: ['projects'],
    summary:
      '导入项目 Import a filled project template (multipart field “file”; all or nothing, 422 lists every bad cell)',
    access: projectRoutes.create.access,
    consumes: MULTIPART,
    response: projectImportResponseSchema,
  }),
  importReturns: defineRoute({
    method: 'POST',
    path: '/projects/returns/import',
    tags: ['projects'],
    summary:
      '导入月度调度 Import a filled monthly return template as drafts (multipart field “file”; all or nothing: 422 lists every bad cell, 409 every stale row)',
    access: projectRoutes.saveReturn.access,
    consumes: MULTIPART,
    response: returnImportResponseSchema,
  }),
  uploadEvidence: defineRoute({
    method: 'POST',
    path: '/projects/returns/:id/evidence',
    tags: ['projects'],
    summary:
      '上传佐证材料 Upload evidence for a return (multipart field “file”; PDF, JPEG or PNG by content; ?figure= the figure it backs)',
    access: projectRoutes.saveReturn.access,
    consumes: MULTIPART,
    params: z.object({ id: idSchema }),
    query: z.object({ figure: evidenceFigureSchema.default('thisMonth') }),
    response: evidenceSchema,
  }),
};
