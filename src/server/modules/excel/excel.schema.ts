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
