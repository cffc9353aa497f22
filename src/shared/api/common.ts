import { z } from 'zod';
import { ROLES } from '../../domain/types.ts';

export const roleSchema = z.enum(ROLES);

/**
 * The years a framework (指标体系) may cover, and so every year and period the API accepts: the pilot zone's plans
 * run 2021–2035, with margin either side. One range for every route, so that `0000-01`, `0000` or `9999-12` never
 * reach the services (which additionally hold a period to the year of the framework it is entered against).
 */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

const YEAR_MESSAGE = `年份应在 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间 / the year must lie between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}`;
const inYearRange = (text: string): boolean => {
  const year = Number(text.slice(0, 4));
  // A malformed period is the pattern's to report; only a well-formed one is judged on its year.
  return !/^\d{4}/.test(text) || (year >= YEAR_RANGE.min && year <= YEAR_RANGE.max);
};

/** A year in a body: a whole number within {@link YEAR_RANGE}, with messages in both languages. */
export const yearSchema = z
  .number({ error: '年份应为数字 / the year must be a number' })
  .int({ error: '年份应为整数 / the year must be a whole number' })
  .min(YEAR_RANGE.min, { error: YEAR_MESSAGE })
  .max(YEAR_RANGE.max, { error: YEAR_MESSAGE });

/** A year in a query string (text turned into a number), with the same rule. */
export const yearQuerySchema = z.coerce.number({ error: '年份应为数字 / the year must be a number' }).pipe(yearSchema);

/** 'YYYY' | 'YYYY-Qn' | 'YYYY-MM', of a year within {@link YEAR_RANGE}. */
export const periodSchema = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, {
    message: '期别格式应为 2024、2024-Q1 或 2024-03 / period must look like 2024, 2024-Q1 or 2024-03',
  })
  .refine(inYearRange, { message: YEAR_MESSAGE });

/** A month, `YYYY-MM`, of a year within {@link YEAR_RANGE}. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM / a month must look like 2024-11' })
  .refine(inYearRange, { message: YEAR_MESSAGE });

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'invalid id' });

/**
 * Characters that print nothing: zero-width spaces and joiners, word joiners, the byte-order mark, soft hyphens and
 * the bidirectional controls. A field "required" must hold something a reader can see.
 */
export const INVISIBLE_CHARACTERS = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Whether `text` shows anything once blanks and invisible characters are gone. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE_CHARACTERS, '').trim().length > 0;
}

/** A required text field: trimmed, at most `max` characters, and something visible in it (both languages). */
export const requiredText = (max: number) =>
  z.string().trim().max(max).refine(hasVisibleText, { message: '必填 / required' });

/** A yes/no query parameter: `true` / `1` or `false` / `0` (a query string has no booleans). */
export const queryFlagSchema = z
  .enum(['true', 'false', '1', '0'], { message: '应为 true 或 false / must be true or false' })
  .transform((v) => v === 'true' || v === '1');

export const localizedSchema = z.object({ zh: z.string(), en: z.string() });

export const okSchema = z.object({ ok: z.literal(true) });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    details: z
      .array(
        z.object({
          field: z.string(),
          /** Both languages joined, "中文 / English", for older callers. */
          message: z.string(),
          /** The message in each language. */
          text: localizedSchema,
          row: z.number().optional(),
          column: z.string().optional(),
          sheet: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
