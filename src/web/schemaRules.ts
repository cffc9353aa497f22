/**
 * Forms check their fields with the shared schemas (src/shared/api): the rule a field is given is the rule the
 * server applies, with the schema's own message in the user's language. A form cannot promise a looser rule than the
 * server keeps, and a rule changed in src/shared changes both.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';
import { ERRORS, issueText } from '../shared/errors.ts';
import { ApiError } from './api.ts';
import { translate, type Lang } from './i18n.ts';

/**
 * An antd rule that checks a field's value with its schema. An empty value passes: the field's `required` rule, in
 * the form's own words, speaks of that, and an optional field may stay empty. `message`, where the form already
 * states the rule in its own words (a user name's characters), replaces the schema's.
 *
 * @example <Form.Item name="title" rules={[...required, schemaRule(itemInputSchema.shape.title, lang)]}>
 */
export function schemaRule(schema: z.ZodType, lang: Lang, message?: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      const issue = result.success ? undefined : result.error.issues[0];
      if (issue) throw new Error(message ?? issueWords(issue, lang));
    },
  };
}

/**
 * What a request's schema refuses in a body the form built (the checks across fields too: a deadline before the
 * start), as the validation error the server would answer: shown with `fieldErrors` and `apiErrorText` like one.
 *
 * @example const refused = schemaError(itemInputSchema, body); if (refused) { form.setFields(fieldErrors(refused, FIELDS, lang)); return; }
 */
export function schemaError(schema: z.ZodType, body: unknown): ApiError | null {
  const result = schema.safeParse(body);
  if (result.success) return null;
  const details = result.error.issues.map((i) => {
    const text = issueText(i.message);
    return { field: i.path.join('.'), message: text.zh, text };
  });
  return new ApiError(400, 'VALIDATION', ERRORS.VALIDATION.zh, ERRORS.VALIDATION.en, details);
}

/**
 * A field issue in the form's words: zod's own length messages are English only, so a text too long or left empty
 * says so as the other forms do; a schema's own message ("中文 / English") in the user's language.
 */
function issueWords(issue: z.core.$ZodIssue, lang: Lang): string {
  if (issue.code === 'too_big' && issue.origin === 'string')
    return translate(lang, 'login.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
    return translate(lang, 'form.required');
  return issueText(issue.message)[lang];
}
