import type { z } from 'zod';
import type {
  gridResponseSchema,
  GridRow,
  ImportResponse,
  saveGridResponseSchema,
} from '../../../shared/api/values.ts';

export type { GridRow };
export type GridResponse = z.infer<typeof gridResponseSchema>;
export type SaveGridResponse = z.infer<typeof saveGridResponseSchema>;
export type PlausibilityWarning = SaveGridResponse['warnings'][number];

/** The answer of POST /values/import (the Excel upload), all or nothing; a warning is a note on one row, never a refusal. */
export type ImportResult = ImportResponse;
export type ImportWarning = ImportResponse['warnings'][number];
