import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../domain/households/id-number.ts';
import { generateHouseholds, GENERATED_NOTE } from './households.ts';

describe('the generated households (示例数据)', () => {
  const now = new Date('2026-12-02T02:00:00Z');
  const all = generateHouseholds(now);

  it('are labelled generated, dated from the load day, with valid and unique ID numbers', () => {
    expect(all.length).toBe(240);
    expect(all.every((g) => g.household.generated === 1 && g.household.note === GENERATED_NOTE)).toBe(true);
    expect(all.every((g) => g.income.recorded_on === '2026-12-02' && g.income.year === 2025)).toBe(true);
    const ids = all.flatMap((g) => g.members.map((m) => m.id_number));
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of all) {
      for (const m of g.members) {
        const p = parseIdNumber(m.id_number, '2026-12-02');
        expect(p.ok && p.birthDate === m.birth_date && p.sex === m.sex, m.id_number).toBe(true);
      }
    }
  });

  it('are calibrated: middle share near 48.5 %, a handful below 10,000 and zero-employment, some bracket-only', () => {
    const certainMiddle = all.filter((g) => g.household.class_bits === 4).length / all.length;
    const possiblyMiddle = all.filter((g) => (g.household.class_bits & 4) !== 0).length / all.length;
    expect(certainMiddle).toBeGreaterThan(0.42);
    expect(possiblyMiddle).toBeLessThan(0.56);
    const below = all.filter((g) => g.household.flag_below10k === 2).length;
    expect(below).toBeGreaterThanOrEqual(3);
    expect(below).toBeLessThanOrEqual(12);
    const zero = all.filter((g) => g.household.flag_zero_employment === 2).length;
    expect(zero).toBeGreaterThanOrEqual(2);
    expect(zero).toBeLessThanOrEqual(15);
    const brackets = all.filter((g) => g.income.kind === 'bracket').length / all.length;
    expect(brackets).toBeGreaterThan(0.08);
    expect(brackets).toBeLessThan(0.3);
    const urban = all
      .filter((g) => g.household.urban === 1)
      .map((g) => (g.household.income_low ?? 0) / g.household.size);
    const rural = all
      .filter((g) => g.household.urban === 0)
      .map((g) => (g.household.income_low ?? 0) / g.household.size);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(urban)).toBeGreaterThan(mean(rural) * 1.6);
  });
});
