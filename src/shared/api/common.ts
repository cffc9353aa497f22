import { z } from 'zod';
import { ROLES } from '../../domain/types.ts';

export const roleSchema = z.enum(ROLES);

/** 'YYYY' | 'YYYY-Qn' | 'YYYY-MM' */
export const periodSchema = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, {
  message: '期别格式应为 2024、2024-Q1 或 2024-03 / period must look like 2024, 2024-Q1 or 2024-03',
});

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'invalid id' });

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
          message: z.string(),
          row: z.number().optional(),
          column: z.string().optional(),
          sheet: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
