/** Request and response shapes of the Excel routes (the files themselves are described in excel.template.ts). */
import { z } from 'zod';
import { idSchema, periodSchema } from '../../../shared/api/common.ts';
import { matrixQuerySchema } from '../../../shared/api/evaluation.ts';

export const templateQuerySchema = z.object({
  orgUnitId: idSchema,
  period: periodSchema,
  frameworkId: z.string().min(1).max(64).optional(),
});
export type TemplateQuery = z.infer<typeof templateQuerySchema>;

export const matrixExportQuerySchema = matrixQuerySchema;
export const rankingExportQuerySchema = matrixQuerySchema.pick({ frameworkId: true, asOf: true });

export const importWarningSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string().optional(),
  indicatorCode: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const importResponseSchema = z.object({
  /** Rows written: new drafts and changed drafts. */
  imported: z.number().int(),
  /** Rows identical to the draft already stored (nothing to write). */
  unchanged: z.number().int(),
  /** Rows with an empty 本期值. */
  skipped: z.number().int(),
  /** Plausibility and reading notes per row; never a refusal. */
  warnings: z.array(importWarningSchema),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;
