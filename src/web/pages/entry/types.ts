import type { z } from 'zod';
import type { gridResponseSchema, GridRow, saveGridResponseSchema } from '../../../shared/api/values.ts';

export type { GridRow };
export type GridResponse = z.infer<typeof gridResponseSchema>;
export type SaveGridResponse = z.infer<typeof saveGridResponseSchema>;
export type PlausibilityWarning = SaveGridResponse['warnings'][number];

/** A warning of the Excel import: the plausibility warning of the grid, or plain text. */
export type ImportWarning = string | { message: string; messageEn?: string; indicatorCode?: string; row?: number };

/** The answer of POST /values/import (the Excel upload), all or nothing. */
export interface ImportResult {
  imported: number;
  skipped: number;
  warnings: ImportWarning[];
}
