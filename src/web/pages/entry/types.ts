import type { z } from 'zod';
import type { gridResponseSchema, GridRow, saveGridResponseSchema } from '../../../shared/api/values.ts';

export type { GridRow };
export type GridResponse = z.infer<typeof gridResponseSchema>;
export type SaveGridResponse = z.infer<typeof saveGridResponseSchema>;
export type PlausibilityWarning = SaveGridResponse['warnings'][number];

/** A note of the Excel import on one row (plausibility, how a cell was read); never a refusal. */
export interface ImportWarning {
  sheet: string;
  row: number;
  column?: string;
  indicatorCode: string;
  message: string;
  messageEn: string;
}

/**
 * The answer of POST /values/import (the Excel upload), all or nothing. Mirrors importResponseSchema, which lives in
 * src/server/modules/excel/excel.schema.ts rather than in the shared contract.
 */
export interface ImportResult {
  /** Rows written: new drafts and changed drafts. */
  imported: number;
  /** Rows identical to the draft already stored. */
  unchanged: number;
  /** Rows with an empty 本期值. */
  skipped: number;
  warnings: ImportWarning[];
}
