import { describe, expect, it } from 'vitest';
import { itemInputSchema } from '../shared/api/lists.ts';
import { fieldErrors } from './api.ts';
import { schemaError, schemaRule } from './schemaRules.ts';

const check = async (rule: ReturnType<typeof schemaRule>, value: unknown) => {
  const { validator } = rule as { validator: (rule: object, value: unknown, callback: () => void) => Promise<void> };
  try {
    await validator({}, value, () => undefined);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
};

const item = {
  kind: 'task',
  year: 2024,
  title: '仁和区老旧小区改造',
  leaderName: '张副市长',
  leadUnitId: 'renhe',
  personInCharge: '李四',
  startDate: '2024-03-01',
  deadline: '2024-12-31',
};

describe('form rules from the shared schemas', () => {
  it("checks a field as the server does, in the user's language, and leaves an empty field to `required`", async () => {
    const title = schemaRule(itemInputSchema.shape.title, 'en');
    expect(await check(title, '标题')).toBe('ok');
    expect(await check(title, undefined)).toBe('ok');
    expect(await check(title, '   ')).toBe('required');
    expect(await check(schemaRule(itemInputSchema.shape.title, 'zh'), '   ')).toBe('必填');
    // zod's own length message is English only: the form words it as the other forms do.
    expect(await check(schemaRule(itemInputSchema.shape.title, 'zh'), 'x'.repeat(201))).toBe('不能超过 200 个字符');
    expect(await check(schemaRule(itemInputSchema.shape.title, 'en'), 'x'.repeat(201))).toBe('At most 200 characters');
  });

  it('refuses a body across its fields as the server would, each issue on its field', () => {
    expect(schemaError(itemInputSchema, item)).toBeNull();
    const refused = schemaError(itemInputSchema, { ...item, startDate: '2024-06-01', deadline: '2024-05-01' });
    expect(refused?.code).toBe('VALIDATION');
    expect(refused && fieldErrors(refused, ['startDate', 'deadline'] as const, 'en')).toEqual([
      { name: 'deadline', errors: ['the deadline is before the start'] },
    ]);
    expect(refused?.details[0]?.text.zh).toBe('截止日期不能早于开始日期');
  });
});
